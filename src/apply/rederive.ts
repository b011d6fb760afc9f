// Derives again what a saved plan claims: the same YAML (the digest must match), a fresh
// read of the touched accounts, the same planner. The result is what apply executes.
import { planLive, type PlanLiveOptions } from "../engine/plan-live.js";
import { readScope, restrictPlan } from "../engine/scope.js";
import type { Plan } from "../engine/types.js";
import type { DesiredState } from "../model/types.js";
import { compareClaim, type ClaimDifference } from "./claim.js";
import { claimSelection } from "./scope.js";

export type Rederived =
  | { outcome: "matches"; plan: Plan }
  | { outcome: "already-applied" }
  | { outcome: "differs"; differences: ClaimDifference[] };

/** What a difference's address now meets, when the fresh plan has a conflict there. */
function withConflicts(differences: ClaimDifference[], fresh: Plan): ClaimDifference[] {
  const conflicts = new Map(fresh.conflicts.map((c) => [c.address, c.message]));
  return differences.map((d) => (conflicts.has(d.address) ? { ...d, conflict: conflicts.get(d.address)! } : d));
}

export async function rederive(saved: Plan, desired: DesiredState, opts: Omit<PlanLiveOptions, "scope">): Promise<Rederived> {
  const sel = claimSelection(saved);
  const known = new Set(desired.accounts.map((a) => a.key));
  sel.accounts = new Set([...sel.accounts].filter((k) => known.has(k)));
  const fresh = restrictPlan(await planLive(desired, { ...opts, scope: readScope(desired, sel) }), sel);
  const differences = compareClaim(saved, fresh);
  if (differences.length === 0) return { outcome: "matches", plan: fresh };
  const nothingLeft = !fresh.changes.some((c) => c.action !== "noop") && fresh.conflicts.length === 0 && fresh.errors.length === 0;
  return nothingLeft ? { outcome: "already-applied" } : { outcome: "differs", differences: withConflicts(differences, fresh) };
}
