// Paths of the desired state: which files are YAML, whether a path stays inside the root,
// and `include:` globs expanded without a regular expression (a pattern is text a pull
// request brings, and a backtracking match could hang the plan).
import { globMatches } from "../policy/conditions.js";
import { readdir } from "node:fs/promises";
import path from "node:path";

export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** True when `abs` is `dir` or inside it: referenced files may not escape the root directory. */
export function isInside(dir: string, abs: string): boolean {
  const rel = path.relative(dir, abs);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/** Every *.yaml / *.yml file directly in `dir`, sorted by name. */
export async function yamlFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    // Symlinks are listed too: reading them refuses any that lead outside the root.
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && isYamlFile(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/**
 * Expands a relative pattern whose segments may use `*` and `?` (no `**`).
 * Returns matching paths sorted; a pattern without wildcards is returned as is.
 */
export async function expandGlob(baseDir: string, pattern: string): Promise<string[]> {
  const segments = pattern.split(/[\\/]+/).filter((s) => s !== "" && s !== ".");
  let current = [path.resolve(baseDir, pattern.startsWith("/") ? "/" : ".")];
  for (const seg of segments) {
    if (!/[*?]/.test(seg)) {
      current = current.map((c) => path.join(c, seg));
      continue;
    }
    const next: string[] = [];
    for (const dir of current) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        continue;
      }
      // A walk that cannot backtrack: the pattern is text a pull request brings.
      for (const n of names.sort()) if (globMatches(seg, n) && !n.startsWith(".")) next.push(path.join(dir, n));
    }
    current = next;
  }
  return current;
}
