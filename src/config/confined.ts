// Every file the desired state makes orgctl read (YAML files, includes, policies,
// validator schemas, version content) is named by whoever wrote the pull request. A
// symlink to /proc/self/environ or a FIFO is as easy to commit as a JSON file, so a read
// succeeds only for a regular file whose real path (symlinks followed) is inside the real
// root directory. A refusal never carries any byte of the file.
import { constants } from "node:fs";
import { lstat, open, realpath } from "node:fs/promises";
import { isInside } from "./paths.js";

/** Files above this size are refused before parsing (YAML and referenced files alike). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** The directory every read must stay inside: as given (for messages and lexical checks) and its real path. */
export interface Root {
  dir: string;
  real: string;
}

export type Refusal =
  | { reason: "outside" }
  | { reason: "not-regular" }
  | { reason: "too-large"; size: number }
  | { reason: "unreadable"; detail: string }
  | { reason: "utf8"; line: number; col: number };

export type ReadResult = { text: string } | { refused: Refusal };

/**
 * Reads `abs` as UTF-8 if it is a regular file inside `rootReal` (a real path). O_NOFOLLOW
 * and fstat on the opened descriptor close the gap between the check and the read (a
 * path swapped for a symlink or a FIFO in between); O_NONBLOCK keeps a FIFO from blocking
 * the open.
 */
export async function readConfined(rootReal: string, abs: string): Promise<ReadResult> {
  let real: string;
  try {
    real = await realpath(abs);
  } catch (err) {
    return { refused: { reason: "unreadable", detail: describeFsError(err) } };
  }
  if (!isInside(rootReal, real)) return { refused: { reason: "outside" } };
  // Not even opened unless it looks like a regular file: opening some devices does something.
  try {
    if (!(await lstat(real)).isFile()) return { refused: { reason: "not-regular" } };
  } catch (err) {
    return { refused: { reason: "unreadable", detail: describeFsError(err) } };
  }
  let handle;
  try {
    handle = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { refused: { reason: "outside" } };
    if (code === "EISDIR" || code === "ENXIO") return { refused: { reason: "not-regular" } };
    return { refused: { reason: "unreadable", detail: describeFsError(err) } };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { refused: { reason: "not-regular" } };
    if (info.size > MAX_FILE_BYTES) return { refused: { reason: "too-large", size: info.size } };
    // The size may change after fstat: read on until the end, refusing past the limit whatever it said.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.max(info.size + 1 - length, 64 * 1024));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > MAX_FILE_BYTES) return { refused: { reason: "too-large", size: length } };
    }
    return decodeUtf8(Buffer.concat(chunks, length));
  } catch (err) {
    return { refused: { reason: "unreadable", detail: describeFsError(err) } };
  } finally {
    await handle.close();
  }
}

/** The refusal as the end of a sentence whose subject is the file ("… is not a regular file"). */
export function describeRefusal(r: Refusal): string {
  switch (r.reason) {
    case "outside":
      return "resolves outside the root directory";
    case "not-regular":
      return "is not a regular file";
    case "too-large":
      return `is too large (${r.size} bytes; the limit is ${MAX_FILE_BYTES})`;
    case "unreadable":
      return `cannot be read: ${r.detail}`;
    case "utf8":
      return `is not valid UTF-8 (line ${r.line}, column ${r.col})`;
  }
}

const strict = new TextDecoder("utf-8", { fatal: true });

/** Strict UTF-8: a byte that is not would turn into U+FFFD and travel on as if it were text. */
function decodeUtf8(bytes: Buffer): ReadResult {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // Find the shortest invalid prefix; the text before its last sequence gives the position.
    let [lo, hi] = [0, bytes.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (validPrefix(bytes.subarray(0, mid + 1))) lo = mid + 1;
      else hi = mid;
    }
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, lo), { stream: true });
    const lines = before.split("\n");
    return { refused: { reason: "utf8", line: lines.length, col: lines[lines.length - 1]!.length + 1 } };
  }
}

function validPrefix(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory";
  if (code === "ENOTDIR") return "not a directory";
  if (code === "ELOOP") return "too many symbolic links";
  // Never err.message: it is not ours to vouch for.
  return code ?? "error";
}
