import path from "node:path";
import { describeRefusal, readConfined, type Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { parseJsonText } from "../model/json-text.js";
import { locate } from "./locate.js";
import { isInside } from "./paths.js";
import { pathLabel } from "./path-label.js";
import type { At } from "./source.js";

/**
 * Reads a file named in YAML at `at` (relative to that YAML file), refusing paths outside
 * the root directory, lexically or once symlinks are followed. Problems are reported at the
 * reference and name the file as written, never what it holds.
 */
export async function readReferenced(at: At, rel: string, root: Root, diags: Diagnostics): Promise<string | undefined> {
  const abs = path.resolve(path.dirname(at.source.abs), rel);
  const report = (why: string) => diags.error(locate(at), `${pathLabel(at.path)}: file ${JSON.stringify(rel)} ${why}`);
  if (!isInside(root.dir, abs)) {
    report("points outside the root directory");
    return undefined;
  }
  const read = await readConfined(root.real, abs);
  if ("refused" in read) {
    report(describeRefusal(read.refused));
    return undefined;
  }
  return read.text;
}

/** Parses JSON read from `rel`, reporting a parse failure at `at` by position only. */
export function parseJson(text: string, rel: string, at: At, diags: Diagnostics): unknown {
  const parsed = parseJsonText(text);
  if ("value" in parsed) return parsed.value;
  diags.error(locate(at), `${pathLabel(at.path)}: file ${JSON.stringify(rel)} ${parsed.problem}`);
  return undefined;
}
