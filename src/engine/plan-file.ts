// The saved plan file: what `plan --out` writes and `apply <file>` reads back.
// It keeps sensitive AppConfig content in full (it is an artifact like the YAML it
// came from, and apply must be able to create the version from it); only the
// renderers redact. Treat plan files like the configuration sources.
import type { Plan } from "./types.js";

export const PLAN_FORMAT_VERSION = 1;

export class PlanFormatError extends Error {}

export function serializePlan(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + "\n";
}

export function parsePlan(text: string): Plan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new PlanFormatError(`not a plan file: ${(err as Error).message}`);
  }
  if (data === null || typeof data !== "object") throw new PlanFormatError("not a plan file: expected a JSON object");
  const plan = data as Record<string, unknown>;
  if (plan.tool !== "orgctl") throw new PlanFormatError("not an orgctl plan file");
  if (plan.formatVersion !== PLAN_FORMAT_VERSION) {
    throw new PlanFormatError(`plan format version ${String(plan.formatVersion)} is not supported (expected ${PLAN_FORMAT_VERSION}): re-run orgctl plan`);
  }
  for (const key of ["changes", "conflicts", "accounts", "errors"]) {
    if (!Array.isArray(plan[key])) throw new PlanFormatError(`plan file is missing "${key}"`);
  }
  for (const key of ["desiredDigest", "liveFingerprint"]) {
    if (typeof plan[key] !== "string") throw new PlanFormatError(`plan file is missing "${key}"`);
  }
  return data as Plan;
}
