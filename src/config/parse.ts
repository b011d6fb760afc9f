import { readFile, stat } from "node:fs/promises";
import { LineCounter, parseDocument, type Scalar } from "yaml";
import { duplicateKeys } from "./duplicate-keys.js";
import type { Diagnostics } from "./diagnostics.js";
import type { Loc } from "../model/types.js";
import type { Source } from "./source.js";

/** Files above this size are refused before parsing (YAML and referenced JSON alike). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Alias expansions allowed per document: enough for real reuse, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/** Reads a file that orgctl was pointed at, refusing huge or unreadable ones with a diagnostic at `from`. */
export async function readLimited(abs: string, file: string, from: Loc, diags: Diagnostics, prefix = ""): Promise<string | undefined> {
  try {
    const info = await stat(abs);
    if (!info.isFile()) {
      diags.error(from, `${prefix}${file} is not a file`);
      return undefined;
    }
    if (info.size > MAX_FILE_BYTES) {
      diags.error(from, `${prefix}${file} is too large (${info.size} bytes; the limit is ${MAX_FILE_BYTES})`);
      return undefined;
    }
    return await readFile(abs, "utf8");
  } catch (err) {
    diags.error(from, `${prefix}cannot read ${file}: ${describeFsError(err)}`);
    return undefined;
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  if (code === "ENOTDIR") return "not a directory";
  return err instanceof Error ? err.message : String(err);
}

/**
 * Files already parsed in this run, by their text: `plan --changed-since` loads the state
 * at a commit too, whose files are mostly the same text (a 10,000-account file is a
 * second of parsing). Only files that parsed cleanly are kept; nothing changes a parsed
 * document, so two sources may share one.
 */
export type ParseCache = Map<string, Pick<Source, "doc" | "lineCounter" | "data">>;

/** Parses one YAML file; syntax errors, duplicate keys and alias bombs become diagnostics. */
export async function parseSource(
  abs: string,
  file: string,
  root: boolean,
  from: Loc,
  diags: Diagnostics,
  cache?: ParseCache,
): Promise<Source | undefined> {
  const text = await readLimited(abs, file, from, diags);
  if (text === undefined) return undefined;
  const known = cache?.get(text);
  if (known) return { file, abs, root, ...known };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const problems = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: syntaxMessage(e.message) })),
    ...duplicateKeys(doc).map((key) => ({ offset: key.range?.[0] ?? 0, message: `duplicate key ${quoteKey(text, key)}` })),
  ];
  if (problems.length > 0) {
    for (const { offset, message } of problems.sort((a, b) => a.offset - b.offset)) {
      const pos = lineCounter.linePos(offset);
      diags.error({ file, line: pos.line, col: pos.col }, message);
    }
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    diags.error({ file, line: 1, col: 1 }, `cannot expand YAML aliases: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  cache?.set(text, { doc, lineCounter, data });
  return { file, abs, doc, lineCounter, data, root };
}

/** The key as written (a quoted key keeps its quotes), for the message. */
function quoteKey(text: string, key: Scalar): string {
  const [start, end] = key.range ?? [0, 0];
  const written = text.slice(start, Math.min(end, start + 300)).trim();
  return written.startsWith('"') || written.startsWith("'") ? written : JSON.stringify(written);
}

function syntaxMessage(message: string): string {
  // The yaml library appends its own position; ours is already in front.
  return `YAML syntax error: ${message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "")}`;
}
