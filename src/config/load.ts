import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import { describeFsError, describeRefusal, type Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { locate } from "./locate.js";
import { parseSource, type ParseCache } from "./parse.js";
import { expandGlob, isInside, isYamlFile, yamlFilesIn } from "./paths.js";
import type { Source } from "./source.js";

/** Files at most: a desired state spread over more files than this is a mistake (or an attack). */
const MAX_FILES = 1000;
const ROOT_NAMES = ["orgctl.yaml", "orgctl.yml"];

export interface Loaded {
  sources: Source[];
  /** Directory that every referenced file must stay inside. */
  root: Root;
}

/**
 * Reads the desired state's YAML files: `input` is a file (with optional `include`) or a
 * directory (its orgctl.yaml if present, else every YAML file in it). The root directory
 * is the input directory (or the input file's); no file outside its real path is read.
 */
export async function loadSources(input: string, cwd: string, diags: Diagnostics, cache?: ParseCache): Promise<Loaded> {
  const abs = path.resolve(cwd, input);
  const display = (p: string) => path.relative(cwd, p) || ".";
  const whole = (p: string) => ({ file: display(p), line: 0, col: 0 });
  let roots: string[];
  let dir: string;
  try {
    const info = await stat(abs);
    if (info.isDirectory()) {
      dir = abs;
      const named = [];
      for (const n of ROOT_NAMES) if (await exists(path.join(abs, n))) named.push(path.join(abs, n));
      roots = named.length > 0 ? named.slice(0, 1) : await yamlFilesIn(abs);
      if (roots.length === 0) diags.error(whole(abs), "no YAML files (*.yaml, *.yml) in this directory");
    } else {
      dir = path.dirname(abs);
      roots = [abs];
    }
  } catch (err) {
    diags.error(whole(abs), `cannot read: ${describeFsError(err)}`);
    return { sources: [], root: { dir: path.dirname(abs), real: path.dirname(abs) } };
  }
  const root: Root = { dir, real: await realpath(dir) };

  const sources: Source[] = [];
  const seen = new Set<string>();
  for (const r of roots) {
    seen.add(r);
    const src = await parseSource(r, display(r), true, whole(r), diags, { rootReal: root.real, name: display(r), cache });
    if (src) sources.push(src);
  }
  for (const src of [...sources]) {
    const include = (src.data as { include?: unknown } | null)?.include;
    if (!Array.isArray(include)) continue;
    for (const [i, pattern] of include.entries()) {
      if (typeof pattern !== "string") continue;
      const from = locate({ source: src, path: ["include", i] });
      const files = await resolveInclude(path.dirname(src.abs), pattern, root, from, diags, src.abs);
      for (const f of files) {
        if (seen.has(f)) continue;
        if (seen.size >= MAX_FILES) {
          diags.error(from, `too many files (the limit is ${MAX_FILES})`);
          return { sources, root };
        }
        seen.add(f);
        const inc = await parseSource(f, display(f), false, from, diags, { rootReal: root.real, name: `include ${JSON.stringify(pattern)}: ${display(f)}`, cache });
        if (inc) sources.push(inc);
      }
    }
  }
  return { sources, root };
}

async function resolveInclude(
  baseDir: string,
  pattern: string,
  root: Root,
  from: { file: string; line: number; col: number },
  diags: Diagnostics,
  self: string,
): Promise<string[]> {
  const target = path.resolve(baseDir, pattern);
  if (!isInside(root.dir, target)) {
    diags.error(from, `include "${pattern}" points outside the root directory`);
    return [];
  }
  if (target === self) {
    diags.error(from, `include "${pattern}" includes the file itself (include cycle)`);
    return [];
  }
  const matches = (await expandGlob(baseDir, pattern)).filter((m) => isInside(root.dir, m));
  if (matches.length === 0) {
    diags.error(from, `include "${pattern}" matches no file`);
    return [];
  }
  const files: string[] = [];
  const literal = !/[*?]/.test(pattern);
  for (const m of matches) {
    let real: string;
    try {
      real = await realpath(m);
    } catch (err) {
      diags.error(from, `include "${pattern}": ${describeFsError(err)}`);
      continue;
    }
    // A directory reached through a symlink is refused like a file would be: nothing outside is listed.
    if (!isInside(root.real, real)) {
      diags.error(from, `include ${JSON.stringify(pattern)}: ${path.relative(path.dirname(self), m) || m} ${describeRefusal({ reason: "outside" })}`);
      continue;
    }
    const isDirectory = await stat(real).then((s) => s.isDirectory(), () => false);
    if (isDirectory) {
      const inDir = await yamlFilesIn(m);
      if (inDir.length === 0) diags.error(from, `include "${pattern}": no YAML files in this directory`);
      files.push(...inDir);
    } else if (literal || isYamlFile(m)) {
      files.push(m);
    }
  }
  // A glob may well match the including file (e.g. "*.yaml"); only a literal self-include is a cycle.
  return files.filter((f) => f !== self);
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
