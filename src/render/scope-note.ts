// The line every renderer shows for a scoped plan, so nobody mistakes it for a full one.
import type { Plan } from "../engine/types.js";

export function scopeNote(plan: Plan): string | undefined {
  const scope = plan.scope;
  if (!scope) return undefined;
  const covered = `${scope.accounts.length} account(s)${scope.organization ? " and the organization" : ""}`;
  return `Scoped plan (${scope.by}): covers ${covered}; drift elsewhere is not covered.`;
}
