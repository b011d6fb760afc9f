// Sensitive AppConfig content never reaches a terminal, a PR comment or stdout JSON. Plans
// no longer hold it at all (engine/sensitive.ts); this stays as the renderers' own guard.
import { asChange } from "../engine/change.js";
import type { ResourceType } from "../engine/resources.js";
import type { Change, ChangeOf, Plan } from "../engine/types.js";

export const REDACTED = "(sensitive)";

export function redactPlan(plan: Plan): Plan {
  return { ...plan, changes: plan.changes.map(redactChange) };
}

export function redactChange(change: Change): Change {
  if (!change.sensitive) return change;
  return asChange(redactOf(change));
}

function redactOf<T extends ResourceType>(change: ChangeOf<T>): ChangeOf<T> {
  return {
    ...change,
    before: redactContent(change.before),
    after: redactContent(change.after),
    patch: change.patch.map((op) => (op.path === "/content" && "value" in op ? { ...op, value: REDACTED } : op)),
  };
}

function redactContent<R>(resource: R): R {
  if (resource === null || typeof resource !== "object" || !("content" in resource)) return resource;
  return { ...resource, content: REDACTED };
}
