// buildPlan: desired + live → Plan (changes in dependency order, conflicts, fingerprints).
// Each kind family in the registry adds its changes; nothing here knows a kind.
import type { DesiredState } from "../model/types.js";
import { createContext, type PlanSettings } from "./context.js";
import type { KindRegistry } from "./kind.js";
import { addImplicitDependencies } from "./dependencies.js";
import { withoutSameResourceTwice } from "./one-resource.js";
import { noteUnresolved, resolveDesired } from "./reference-values.js";
import { liveFingerprint } from "./fingerprint.js";
import { topologicalOrder } from "./graph.js";
import { PLAN_FORMAT_VERSION, type AccountReadError, type Change, type LiveState, type Plan } from "./types.js";

export interface PlanOptions extends PlanSettings {
  /** The resource kinds to plan (src/kinds/registry.ts). */
  kinds: KindRegistry;
}

export function buildPlan(desired: DesiredState, live: LiveState, opts: PlanOptions): Plan {
  const ctx = createContext(desired, live, opts);
  ctx.desired = resolveDesired(ctx, opts.kinds);
  for (const family of opts.kinds.families) family.diff(ctx);
  const unique = withoutSameResourceTwice(ctx.changes, opts.kinds);
  ctx.changes = unique.changes;
  ctx.conflicts.push(...unique.conflicts);
  addImplicitDependencies(ctx, opts.kinds);
  noteUnresolved(ctx.changes, opts.kinds);

  const source: Plan["source"] = { paths: opts.paths };
  if (opts.commit !== undefined) source.commit = opts.commit;
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    tool: "orgctl",
    createdAt: new Date().toISOString(),
    source,
    desiredDigest: desired.digest,
    accessRole: opts.accessRole,
    liveFingerprint: liveFingerprint(live),
    accounts: accountStatuses(desired, ctx.errors, ctx.accountIds, ctx.managementKey),
    changes: orderChanges(ctx.changes, ctx.managementKey),
    conflicts: [...ctx.conflicts].sort((a, b) => compare(a.address, b.address) || compare(a.message, b.message)),
    errors: ctx.errors,
    apiCalls: live.apiCalls,
  };
}

/** Dependencies first, then by account (management first), then by address. */
export function orderChanges(changes: Change[], managementKey: string): Change[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const accountOf = (address: string) => byAddress.get(address)?.account ?? "";
  const byAccount = accountComparator(managementKey);
  const order = topologicalOrder(
    [...byAddress.keys()],
    (a) => byAddress.get(a)?.dependsOn ?? [],
    (a, b) => byAccount(accountOf(a), accountOf(b)) || compare(a, b),
  );
  return order.map((a) => byAddress.get(a) as Change);
}

/** The management account first (reviewers read the organization first), then by key. */
function accountComparator(managementKey: string): (a: string, b: string) => number {
  return (a, b) => Number(b === managementKey) - Number(a === managementKey) || compare(a, b);
}

/**
 * Every account the plan covers, in reading order: the YAML's accounts, the management
 * account (which holds the organization changes) even when the YAML does not list it,
 * and accounts that could not be read.
 */
function accountStatuses(desired: DesiredState, readErrors: AccountReadError[], ids: Map<string, string>, managementKey: string): Plan["accounts"] {
  const errors = new Map(readErrors.map((e) => [e.account, e]));
  const management = desired.organization ? [managementKey] : [];
  if (desired.organization && !ids.has(managementKey)) ids = new Map(ids).set(managementKey, desired.organization.managementAccount);
  const keys = [...new Set([...management, ...desired.accounts.map((a) => a.key), ...errors.keys()])].sort(accountComparator(managementKey));
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

/**
 * Terraform's convention: 1 when the plan cannot be carried out as the YAML says (an
 * account unread, or a conflict such as an unmanaged role in the way or a refused
 * lockout), 2 when there are changes, 0 when live state matches.
 */
export function planExitCode(plan: Plan): 0 | 1 | 2 {
  if (plan.errors.length > 0 || plan.conflicts.length > 0) return 1;
  return hasChanges(plan) ? 2 : 0;
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
