// Machine-readable plan for stdout (`plan --format json`): the plan file's layout, sensitive content redacted.
import { serializePlan } from "../engine/plan-file.js";
import type { Plan } from "../engine/types.js";
import { redactPlan } from "./redact.js";

export function renderJson(plan: Plan): string {
  return serializePlan(redactPlan(plan));
}
