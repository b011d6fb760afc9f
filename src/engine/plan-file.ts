// The saved plan file: what `plan --out` writes and `apply <file>` reads back.
// It holds no sensitive AppConfig content nor any hash of it (engine/sensitive.ts):
// apply takes that from the YAML whose digest the plan records.
import { parseJsonText } from "../model/json-text.js";
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
  const entries = Object.entries(plan).filter(([, value]) => value !== undefined);
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
  const parsed = parseJsonText(text);
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
