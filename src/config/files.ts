import path from "node:path";
import type { Diagnostics } from "./diagnostics.js";
import { locate } from "./locate.js";
import { readLimited } from "./parse.js";
import { isInside } from "./paths.js";
import { pathLabel } from "./path-label.js";
import type { At } from "./source.js";

/** Reads a file named in YAML (relative to that YAML file), refusing paths outside the root directory. */
export async function readReferenced(at: At, rel: string, rootDir: string, diags: Diagnostics): Promise<string | undefined> {
  const abs = path.resolve(path.dirname(at.source.abs), rel);
  const from = locate(at);
  const prefix = `${pathLabel(at.path)}: `;
  if (!isInside(rootDir, abs)) {
    diags.error(from, `${prefix}file "${rel}" points outside the root directory`);
    return undefined;
  }
  return readLimited(abs, rel, from, diags, prefix);
}

/** Parses JSON read from `rel`, reporting a parse failure at `at`. */
export function parseJson(text: string, rel: string, at: At, diags: Diagnostics): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    diags.error(locate(at), `${pathLabel(at.path)}: ${rel} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
