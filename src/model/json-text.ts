// JSON text from files and version content, parsed so that a failure names a position
// and never the text: V8's JSON.parse messages quote the input ("Unexpected token 'p',
// "password":"hunter2"... is not valid JSON"), and a sensitive value or a refused file
// must not reach an error message or a PR annotation. Nesting is bounded before anything
// recursive (ajv, the renderers, canonical JSON) walks the value.
import { jsonErrorOffset } from "./json-syntax.js";

/** Deeper than any real configuration or policy; far below what recursion can take. */
export const MAX_DEPTH = 100;

export type JsonResult = { value: unknown } | { problem: string };

/** Parses `text`; `problem` completes a sentence ("… is not valid JSON (line 1, column 5)"). */
export function parseJsonText(text: string, reviver?: (key: string, value: unknown) => unknown): JsonResult {
  const deep = tooDeepAt(text);
  if (deep !== undefined) return { problem: `is nested too deeply (the limit is ${MAX_DEPTH} levels) at ${position(text, deep)}` };
  try {
    return { value: JSON.parse(text, reviver) };
  } catch {
    const offset = jsonErrorOffset(text);
    return { problem: offset >= 0 ? `is not valid JSON (${position(text, offset)})` : "is not valid JSON" };
  }
}

/** Offset of the first bracket that opens level MAX_DEPTH + 1, outside strings. */
function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

/** "line L, column C" (1-based) of an offset. */
export function position(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return `line ${line}, column ${offset - start + 1}`;
}
