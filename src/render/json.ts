// Machine-readable plan for stdout (`plan --json`): the plan with sensitive content redacted.
import type { Plan } from "../engine/types.js";
import { redactPlan } from "./redact.js";

export function renderJson(plan: Plan): string {
  return JSON.stringify(redactPlan(plan), null, 2) + "\n";
}
