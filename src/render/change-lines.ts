// A change as lines a reviewer reads, shared by the text and markdown renderers
// (callers pass redacted changes). A create lists its attributes; any other change
// lists only the attributes that differ: added (+), removed (-), a one-line value
// changed (~ old -> new), or a line diff of a multi-line value such as a policy.
import { structuredPatch } from "diff";
import stringify from "json-stringify-pretty-compact";
import type { Change } from "../engine/types.js";
import { displayResource, isPolicy, type Attributes } from "./display.js";

export interface DiffLine {
  sign: "+" | "-" | "~" | " " | "@";
  text: string;
}

const CONTEXT = 2;
/** Width a value may take on one line before it is spread over several. */
const WIDTH = 80;

export function changeLines(change: Change): DiffLine[] {
  if (change.action === "delete" || change.action === "noop") return [];
  const after = entries(displayResource(change.after), change.before !== null);
  if (change.before === null) {
    const width = nameWidth(after);
    return [...after].flatMap(([name, value]) => assignment("+", name, value, width));
  }
  const before = entries(displayResource(change.before), true);
  const names = [...new Set([...after.keys(), ...before.keys()])];
  const changed = names.filter((n) => format(before.get(n) ?? null) !== format(after.get(n) ?? null) || before.has(n) !== after.has(n));
  const width = nameWidth(new Map(changed.map((n) => [n, null])));
  return changed.flatMap((name) => {
    const [b, a] = [before.get(name), after.get(name)];
    if (b === undefined) return a === undefined ? [] : assignment("+", name, a, width);
    if (a === undefined) return assignment("-", name, b, width);
    const [bText, aText] = [format(b), format(a)];
    if (!bText.includes("\n") && !aText.includes("\n")) return [{ sign: "~", text: `${name.padEnd(width)} = ${bText} -> ${aText}` }];
    return [{ sign: "~", text: name }, ...lineDiff(bText, aText)];
  });
}

/**
 * One entry per attribute; maps of policies (inline policies) get one entry per policy,
 * and when only a patch is shown, every map does (one tag changes, not "tags").
 */
function entries(attributes: Attributes, splitMaps: boolean): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of Object.entries(attributes)) {
    const map = value !== null && typeof value === "object" && !Array.isArray(value) && !isPolicy(value);
    if (map && (splitMaps || Object.values(value).some(isPolicy))) {
      for (const [key, v] of Object.entries(value)) out.set(`${name}.${key}`, v);
    } else out.set(name, value);
  }
  return out;
}

function assignment(sign: "+" | "-", name: string, value: unknown, width: number): DiffLine[] {
  const [first, ...rest] = format(value).split("\n");
  return [{ sign, text: `${name.padEnd(width)} = ${first}` }, ...rest.map((text) => ({ sign, text }))];
}

function lineDiff(before: string, after: string): DiffLine[] {
  const patch = structuredPatch("before", "after", before + "\n", after + "\n", undefined, undefined, { context: CONTEXT });
  const lines: DiffLine[] = [];
  patch.hunks.forEach((hunk, i) => {
    if (i > 0) lines.push({ sign: "@", text: "..." });
    for (const line of hunk.lines) {
      const sign = line[0];
      if (sign === "+" || sign === "-" || sign === " ") lines.push({ sign, text: `  ${line.slice(1)}` });
    }
  });
  return lines;
}

/**
 * Compact JSON, except that a policy always spreads to one statement element per line:
 * a policy diff then shows the element that changed, never a statement that happened
 * to flip between one line and many.
 */
function format(value: unknown): string {
  if (!isPolicy(value)) return stringify(value, { maxLength: WIDTH });
  const { Statement, ...rest } = value as { Statement: unknown[] };
  const statements = (Array.isArray(Statement) ? Statement : [Statement]).map((statement) => block(statement as Record<string, unknown>, "    "));
  const lines = Object.entries(rest).map(([k, v]) => `  ${member(k, v, "  ")},`);
  return ["{", ...lines, '  "Statement": [', statements.join(",\n"), "  ]", "}"].join("\n");
}

function block(object: Record<string, unknown>, indent: string): string {
  const members = Object.entries(object).map(([k, v]) => `${indent}  ${member(k, v, indent + "  ")}`);
  return [`${indent}{`, members.join(",\n"), `${indent}}`].join("\n");
}

function member(key: string, value: unknown, indent: string): string {
  const prefix = `${JSON.stringify(key)}: `;
  const text = stringify(value, { maxLength: Math.max(20, WIDTH - indent.length - prefix.length) });
  return prefix + text.split("\n").join("\n" + indent);
}

function nameWidth(entries: Map<string, unknown>): number {
  return Math.max(0, ...[...entries.keys()].map((n) => n.length));
}
