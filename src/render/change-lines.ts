// A change as diff lines ("+", "-", " ") over its pretty-printed JSON, shared by the
// text and markdown renderers. Callers pass redacted changes.
import { structuredPatch } from "diff";
import type { Change } from "../engine/types.js";

export interface DiffLine {
  sign: "+" | "-" | " " | "@";
  text: string;
}

const CONTEXT = 2;

export function changeLines(change: Change): DiffLine[] {
  if (change.action === "delete" || change.action === "noop") return [];
  const before = change.before === null ? "" : pretty(change.before);
  const after = change.after === null ? "" : pretty(change.after);
  if (before === "") return after.split("\n").map((text) => ({ sign: "+", text }));
  const patch = structuredPatch("before", "after", before + "\n", after + "\n", undefined, undefined, { context: CONTEXT });
  const lines: DiffLine[] = [];
  patch.hunks.forEach((hunk, i) => {
    if (i > 0) lines.push({ sign: "@", text: "..." });
    for (const line of hunk.lines) {
      const sign = line[0];
      if (sign === "+" || sign === "-" || sign === " ") lines.push({ sign, text: line.slice(1) });
    }
  });
  return lines;
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
