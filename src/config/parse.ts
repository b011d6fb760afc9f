import { isMap, isPair, isSeq, type Document, type Scalar } from "yaml";
import { duplicateKeys } from "./duplicate-keys.js";
import { fastParse } from "./fast-parse.js";
import { LazyTree, parseTree } from "./tree.js";
import type { Loc } from "../model/types.js";
import { describeRefusal, readConfined } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { MAX_DEPTH } from "../model/json-text.js";
import type { Source } from "./source.js";

/** Alias expansions allowed per document: enough for real reuse, far too few for a "billion laughs". */
const MAX_ALIAS_COUNT = 100;

/**
 * Files already parsed in this run, by their text: `plan --changed-since` loads the state
 * at a commit too, whose files are mostly the same text (a 10,000-account file is a
 * second of parsing). Only files that parsed cleanly are kept; nothing changes a parsed
 * document, so two sources may share one.
 */
export type ParseCache = Map<string, Pick<Source, "tree" | "data">>;

/**
 * Parses one YAML file read through the confined reader; syntax errors, duplicate keys,
 * deep nesting and alias bombs become diagnostics. A refused read is reported at `from`
 * (the reference) as `name` + why, with `name` saying how the user named the file.
 */
export async function parseSource(
  abs: string,
  file: string,
  root: boolean,
  from: Loc,
  diags: Diagnostics,
  opts: { rootReal: string; name: string; cache?: ParseCache },
): Promise<Source | undefined> {
  const read = await readConfined(opts.rootReal, abs);
  if ("refused" in read) {
    const r = read.refused;
    if (r.reason === "utf8") diags.error({ file, line: r.line, col: r.col }, "not valid UTF-8");
    else diags.error(from, `${opts.name} ${describeRefusal(r)}`);
    return undefined;
  }
  const text = read.text;
  const known = opts.cache?.get(text);
  if (known) return { file, abs, root, ...known };
  const fast = fastParse(text);
  if (fast && !valueTooDeep(fast.data)) {
    const parsed = { tree: new LazyTree(text), data: fast.data };
    opts.cache?.set(text, parsed);
    return { file, abs, root, ...parsed };
  }
  const tree = parseTree(text);
  const { doc, lineCounter } = tree;
  // Duplicate keys are found by duplicateKeys (linear; the library's own check is quadratic).
  const problems = [
    ...doc.errors.map((e) => ({ offset: e.pos[0], message: syntaxMessage(e.code, e.message) })),
    ...duplicateKeys(doc).map((key: Scalar) => ({ offset: key.range?.[0] ?? 0, message: "duplicate key" })),
  ];
  if (problems.length > 0) {
    for (const { offset, message } of problems.sort((a, b) => a.offset - b.offset)) {
      const pos = lineCounter.linePos(offset);
      diags.error({ file, line: pos.line, col: pos.col }, message);
    }
    return undefined;
  }
  const deep = tooDeepAt(doc);
  if (deep !== undefined) {
    const pos = lineCounter.linePos(deep);
    diags.error({ file, line: pos.line, col: pos.col }, `nested too deeply (the limit is ${MAX_DEPTH} levels)`);
    return undefined;
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The yaml library's alias messages name no content (see its toJS): safe to pass on.
    diags.error({ file, line: 1, col: 1 }, `cannot expand YAML aliases: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  if (valueTooDeep(data)) {
    diags.error({ file, line: 1, col: 1 }, `nested too deeply once aliases are expanded (the limit is ${MAX_DEPTH} levels)`);
    return undefined;
  }
  opts.cache?.set(text, { tree, data });
  return { file, abs, tree, data, root };
}

/** Offset of the first node below MAX_DEPTH levels, found without recursion. */
function tooDeepAt(doc: Document): number | undefined {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_DEPTH) return node.range?.[0] ?? 0;
    for (const item of node.items) {
      if (isPair(item)) stack.push([item.key, depth + 1], [item.value, depth + 1]);
      else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

function valueTooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The yaml library's message without anything taken from the file. Its messages are
 * structural ("Missing , between flow map items") except a few that end with source text
 * after a colon ("Unresolved tag: !x", "Block scalar header includes extra characters: …"):
 * those are cut at the colon. Its own position is dropped (ours is in front).
 */
function syntaxMessage(code: string, message: string): string {
  if (code === "DUPLICATE_KEY") return "duplicate key";
  if (/Maximum call stack/.test(message)) return `nested too deeply (the limit is ${MAX_DEPTH} levels)`;
  let text = message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "");
  const colon = text.indexOf(": ");
  if (colon !== -1) text = text.slice(0, colon);
  if (code === "BAD_DQ_ESCAPE") text = "Invalid escape sequence";
  if (code === "BAD_SCALAR_START") text = "Plain value cannot start with this character";
  if (text.length > 120) text = code.toLowerCase().replace(/_/g, " ");
  return `YAML syntax error: ${text}`;
}
