// buildPlan: desired + live → Plan (changes in dependency order, conflicts, fingerprints).
import { expandRoles } from "../model/targets.js";
import type { DesiredState } from "../model/types.js";
import { createContext, type PlanOptions } from "./context.js";
import { addImplicitDependencies } from "./dependencies.js";
import { diffAppConfig } from "./diff-appconfig.js";
import { diffIam } from "./diff-iam.js";
import { diffOrganization } from "./diff-org.js";
import { liveFingerprint } from "./fingerprint.js";
import { topologicalOrder } from "./graph.js";
import type { Change, LiveState, Plan } from "./types.js";

export type { PlanOptions } from "./context.js";

export function buildPlan(desired: DesiredState, live: LiveState, opts: PlanOptions): Plan {
  const ctx = createContext(desired, live, opts);
  diffOrganization(ctx);
  diffIam(ctx, expandRoles(desired));
  diffAppConfig(ctx);
  addImplicitDependencies(ctx);

  const source: Plan["source"] = { paths: opts.paths };
  if (opts.commit !== undefined) source.commit = opts.commit;
  return {
    formatVersion: 1,
    tool: "orgctl",
    createdAt: new Date().toISOString(),
    source,
    desiredDigest: desired.digest,
    liveFingerprint: liveFingerprint(live),
    accounts: accountStatuses(desired, live, ctx.accountIds),
    changes: orderChanges(ctx.changes),
    conflicts: [...ctx.conflicts].sort((a, b) => compare(a.address, b.address) || compare(a.message, b.message)),
    errors: live.errors,
    apiCalls: live.apiCalls,
  };
}

/** Dependencies first, then by address. */
function orderChanges(changes: Change[]): Change[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const order = topologicalOrder([...byAddress.keys()], (a) => byAddress.get(a)?.dependsOn ?? []);
  return order.map((a) => byAddress.get(a) as Change);
}

function accountStatuses(desired: DesiredState, live: LiveState, ids: Map<string, string>): Plan["accounts"] {
  const errors = new Map(live.errors.map((e) => [e.account, e]));
  const keys = [...new Set([...desired.accounts.map((a) => a.key), ...errors.keys()])];
  return keys.map((key) => {
    const error = errors.get(key);
    const id = ids.get(key) ?? error?.accountId;
    return {
      key,
      ...(id !== undefined ? { id } : {}),
      status: error ? ("error" as const) : ("ok" as const),
      ...(error ? { error: error.message } : {}),
    };
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when applying the plan would change anything. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== "noop");
}

export interface PlanSummary {
  /** Account key → action → count (no-op changes are not counted). */
  byAccount: Record<string, Record<string, number>>;
  totals: Record<string, number>;
  conflicts: number;
  errors: number;
}

export function summarize(plan: Plan): PlanSummary {
  const byAccount: Record<string, Record<string, number>> = {};
  const totals: Record<string, number> = {};
  for (const change of plan.changes) {
    if (change.action === "noop") continue;
    const counts = (byAccount[change.account] ??= {});
    counts[change.action] = (counts[change.action] ?? 0) + 1;
    totals[change.action] = (totals[change.action] ?? 0) + 1;
  }
  return { byAccount, totals, conflicts: plan.conflicts.length, errors: plan.errors.length };
}
