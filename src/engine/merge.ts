// Combines shard plans (plan --shard i/n, one CI job each) into the plan a single run
// would have produced: same changes in the same dependency order, with the ordering
// edges that cross shards restored. Deterministic: the same shard files in any order
// give byte-identical output except nothing (createdAt is the latest shard's).
import { sha256Hex } from "./canonical.js";
import type { KindRegistry } from "./kind.js";
import { orderChanges } from "./plan.js";
import type { Change, Plan } from "./types.js";

export class MergeError extends Error {}

const SHARD_RE = /^shard (\d+)\/(\d+)$/;

export function mergePlans(plans: Plan[], kinds: KindRegistry): Plan {
  const first = plans[0];
  if (!first) throw new MergeError("no plans to merge");
  for (const p of plans) {
    if (p.desiredDigest !== first.desiredDigest) {
      throw new MergeError(`plans were made from different desired states (${first.desiredDigest.slice(0, 12)} vs ${p.desiredDigest.slice(0, 12)})`);
    }
  }
  checkShards(plans);

  const byAddress = new Map<string, Change>();
  for (const change of plans.flatMap((p) => p.changes)) {
    if (byAddress.has(change.address)) throw new MergeError(`${change.address} is in more than one plan: the plans overlap`);
    byAddress.set(change.address, { ...change, dependsOn: [...change.dependsOn] });
  }
  const accounts = mergeAccounts(plans);
  // Ordering edges that cross shards (a trust naming a role another shard creates) and the
  // cycles only the merge sees: each family links the merged changes as it links a full plan.
  const keyById = new Map(accounts.flatMap((a) => (a.id ? [[a.id, a.key] as const] : [])));
  const changes = [...byAddress.values()];
  for (const family of kinds.families) family.link?.(changes, (ref) => keyById.get(ref) ?? ref);
  const managementKey = plans.find((p) => p.scope)?.scope?.managementKey ?? "management";

  // Fields the shards share (and any this merge does not know about) come from the first.
  const { scope: _scope, ...shared } = first;
  const merged: Plan = {
    ...shared,
    createdAt: plans.map((p) => p.createdAt).sort().at(-1)!,
    // The shards read disjoint parts of the live state; apply checks each change's beforeHash.
    liveFingerprint: sha256Hex(plans.map((p) => p.liveFingerprint).sort().join("\n")),
    accounts,
    changes: orderChanges(changes, managementKey),
    conflicts: plans.flatMap((p) => p.conflicts).sort((a, b) => cmp(a.address, b.address) || cmp(a.message, b.message)),
    errors: plans.flatMap((p) => p.errors).sort((a, b) => cmp(a.account, b.account)),
    apiCalls: sumCalls(plans),
  };
  const scope = mergedScope(plans, accounts);
  return scope ? { ...merged, scope } : merged;
}

/** Shard plans must come from the same split, each shard exactly once. */
function checkShards(plans: Plan[]): void {
  const shards = plans.map((p) => SHARD_RE.exec(p.scope?.by ?? ""));
  if (shards.every((m) => m === null)) return;
  if (shards.some((m) => m === null)) throw new MergeError("cannot merge shard plans with plans that are not shards");
  const count = Number(shards[0]![2]);
  const seen = new Set<number>();
  for (const m of shards) {
    if (Number(m![2]) !== count) throw new MergeError(`plans come from different shard counts (${count} and ${m![2]})`);
    if (seen.has(Number(m![1]))) throw new MergeError(`shard ${m![1]}/${count} is given twice`);
    seen.add(Number(m![1]));
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`missing shard(s) ${missing.map((i) => `${i}/${count}`).join(", ")}`);
}

function mergeAccounts(plans: Plan[]): Plan["accounts"] {
  const byKey = new Map<string, Plan["accounts"][number]>();
  for (const a of plans.flatMap((p) => p.accounts)) {
    const known = byKey.get(a.key);
    if (!known || a.status === "error" || (known.id === undefined && a.id !== undefined)) byKey.set(a.key, known?.status === "error" ? known : a);
  }
  return [...byKey.values()].sort((a, b) => cmp(a.key, b.key));
}

function sumCalls(plans: Plan[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of plans) for (const [k, n] of Object.entries(p.apiCalls)) out[k] = (out[k] ?? 0) + n;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => cmp(a, b)));
}

/** No scope once the inputs together cover the organization and every listed account. */
function mergedScope(plans: Plan[], accounts: Plan["accounts"]): Plan["scope"] {
  if (plans.some((p) => !p.scope)) return undefined;
  const covered = new Set(plans.flatMap((p) => p.scope!.accounts));
  const organization = plans.some((p) => p.scope!.organization);
  if (organization && accounts.every((a) => covered.has(a.key))) return undefined;
  return { by: plans.map((p) => p.scope!.by).join(" + "), accounts: [...covered].sort(), organization, managementKey: plans[0]!.scope!.managementKey };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
