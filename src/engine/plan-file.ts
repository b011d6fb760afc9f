// The saved plan file: what `plan --out` writes and `apply <file>` reads back.
// It holds no sensitive AppConfig content nor any hash of it (engine/sensitive.ts):
// apply takes that from the YAML whose digest the plan records.
import { randomUUID } from "node:crypto";
import { parseJsonText, type JsonResult } from "../model/json-text.js";
import { claimedOf } from "./claimed.js";
import { shared } from "./shared-values.js";
import { PLAN_FORMAT_VERSION, type Plan } from "./types.js";

export { PLAN_FORMAT_VERSION };

export class PlanFormatError extends Error {}

export function serializePlan(plan: Plan): string {
  return [...planJsonChunks(plan)].join("");
}

/**
 * The plan as JSON, in pieces a caller can join or stream. Top-level arrays (changes,
 * accounts, ...) hold one compact element per line: at 5,000 accounts the plan has some
 * 20,000 changes, and indenting each of them doubled the text (52 MB against 26 MB), while
 * a line per change is still easy to read, grep and diff.
 */
export function* planJsonChunks(plan: Plan): Generator<string> {
  // What the file lists, as written now (a merged or re-written plan claims its own list).
  const entries = Object.entries({ ...plan, claimed: claimedOf(plan.changes) }).filter(([, value]) => value !== undefined);
  yield "{\n";
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i < entries.length - 1 ? "," : "";
    if (Array.isArray(value) && value.length > 0) {
      yield `  ${JSON.stringify(key)}: [\n`;
      for (const [j, item] of value.entries()) yield `    ${JSON.stringify(item)}${j < value.length - 1 ? "," : ""}\n`;
      yield `  ]${comma}\n`;
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, "\n  ")}${comma}\n`;
    }
  }
  yield "}\n";
}

export function parsePlan(text: string): Plan {
  // Positions only: whatever file was named, its text does not go into the message.
  const parsed = parsePlanJson(text);
  if ("problem" in parsed) throw new PlanFormatError(`not a plan file: it ${parsed.problem}`);
  const data = parsed.value;
  return planFromJson(data);
}

/** Checks already parsed JSON is a plan this version can apply (parsing a large plan twice would hold two copies). */
export function planFromJson(data: unknown): Plan {
  if (data === null || typeof data !== "object") throw new PlanFormatError("not a plan file: expected a JSON object");
  const plan = data as Record<string, unknown>;
  if (plan.tool !== "orgctl") throw new PlanFormatError("not an orgctl plan file");
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) {
    const older = typeof plan.formatVersion === "number" && plan.formatVersion < PLAN_FORMAT_VERSION;
    throw new PlanFormatError(
      older
        ? `plan format version ${plan.formatVersion} was written by an older orgctl (this one reads version ${PLAN_FORMAT_VERSION}): run orgctl plan again with this version`
        : `plan format version ${String(plan.formatVersion)} is not supported (expected ${PLAN_FORMAT_VERSION}): re-run orgctl plan`,
    );
  }
  for (const key of ["changes", "conflicts", "accounts", "errors"]) {
    if (!Array.isArray(plan[key])) throw new PlanFormatError(`plan file is missing "${key}"`);
  }
  for (const key of ["desiredDigest", "liveFingerprint"]) {
    if (typeof plan[key] !== "string") throw new PlanFormatError(`plan file is missing "${key}"`);
  }
  return data as Plan;
}

/** A change's fields whose values repeat from change to change (one role in thousands of accounts). */
const REPEATED = new Set(["before", "after", "patch", "dependsOn", "reasons"]);

/**
 * JSON.parse reviver for plan files. A plain parse gives every change its own copy of the
 * values the plan shared when it was made (engine/shared-values.ts): a 20,000-change plan
 * read back took 73 MB instead of a few, held by apply while it re-reads and re-derives,
 * and its size at the first full garbage collection set how far the heap then grew. Shared
 * as they are parsed, the copies die young. (Any other object under these keys, such as a
 * tag named "after", is equal wherever it is shared: nothing mutates a plan's values.)
 */
export function planReviver(key: string, value: unknown): unknown {
  return REPEATED.has(key) ? shared(value) : value;
}

const CHANGES_OPEN = '\n  "changes": [\n';
const ARRAY_CLOSE = "\n  ]";

/**
 * Parses plan JSON. A file in the layout plan writes (one change per line) is parsed a
 * change at a time, so the changes' repeated values are shared as each line is read and
 * the unshared copies of 20,000 changes never exist at once (JSON.parse, reviver or not,
 * builds the whole tree first: 73 MB with the text, at the start of a large apply, which
 * set how far the heap grew for the rest of the run). Any other layout, or anything a
 * line-by-line reading cannot take, is parsed whole, as before.
 */
export function parsePlanJson(text: string): JsonResult {
  return parseChangePerLine(text) ?? parseJsonText(text, planReviver);
}

/** The plan read a change per line (see parsePlanJson), or undefined when the text is not in plan's layout. */
export function parseChangePerLine(text: string): JsonResult | undefined {
  const open = text.indexOf(CHANGES_OPEN);
  if (open < 0) return undefined;
  const first = open + CHANGES_OPEN.length;
  const close = text.indexOf(ARRAY_CLOSE, first - 1);
  if (close < first) return undefined;
  const changes: unknown[] = [];
  for (let at = first; at <= close; ) {
    const end = text.indexOf("\n", at);
    const last = end === close;
    const line = text.slice(at, end);
    // Every element but the last ends with its comma, the last with none: else it is not our layout.
    if (line.endsWith(",") === last) return undefined;
    const parsed = parseJsonText(last ? line : line.slice(0, -1));
    if ("problem" in parsed) return undefined;
    changes.push(shareRepeated(parsed.value));
    at = end + 1;
  }
  // The list's place holds a value the text cannot contain. A later top-level "changes"
  // key would win in JSON.parse and so replaces it: such a file is left to JSON.parse.
  // (Other "changes" keys, nested as in "claimed", are not the list's business.)
  const placeholder = `orgctl-changes-${randomUUID()}`;
  const others = `${text.slice(0, open)}\n  "changes": "${placeholder}"${text.slice(close + ARRAY_CLOSE.length)}`;
  const rest = parseJsonText(others);
  if ("problem" in rest || !isRecord(rest.value) || rest.value.changes !== placeholder) return undefined;
  rest.value.changes = changes;
  return rest;
}

/**
 * A change's repeated values shared as the reviver would share them, but only at the top of
 * the change, after a plain parse: a reviver is called for every value of the file, and made
 * reading a 4,000-change plan take 0.3 s where JSON.parse takes 0.04 s.
 */
function shareRepeated(change: unknown): unknown {
  if (!isRecord(change)) return change;
  for (const key of REPEATED) if (key in change) change[key] = shared(change[key]);
  return change;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
