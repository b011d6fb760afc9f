// Customer managed policies per target account: create, update (a new default version;
// tags), adopt, and delete (ours, pruned, once nothing of ours attaches it). IAM cannot
// change a policy's path or description: such a difference is a conflict, never a silent
// re-create of a policy that roles depend on.
import { iamNameKey } from "../../../aws/iam-identity.js";
import { formatAddress } from "../../../engine/address.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { makeChange } from "../../../engine/change.js";
import { accountAddress, type DiffContext } from "../../../engine/context.js";
import { policyNarrows } from "../../../engine/policy-narrowing.js";
import { changedReasons, claimReasons, type ChangedPart } from "../../../engine/reasons.js";
import { describeOwnership, isClaimable, mayUpdate, ownershipOf } from "../../../model/ownership.js";
import { targetAccounts } from "../../../model/targets.js";
import type { PolicySpec } from "../../../model/types.js";
import type { ManagedPolicyResource } from "./resource.js";
import { desiredPolicy, livePolicy } from "./shape.js";

/** Per account key, the policies the desired state puts there. */
export function policiesByAccount(ctx: Pick<DiffContext, "desired">): Map<string, PolicySpec[]> {
  const out = new Map<string, PolicySpec[]>();
  for (const spec of ctx.desired.policies)
    for (const account of targetAccounts(ctx.desired.accounts, spec.targets)) out.set(account.key, [...(out.get(account.key) ?? []), spec]);
  return out;
}

export function diffManagedPolicies(ctx: DiffContext): void {
  const owner = ctx.desired.settings.owner;
  const byAccount = policiesByAccount(ctx);
  const keys = new Set([...byAccount.keys(), ...Object.keys(ctx.live.accounts).filter((k) => ctx.live.accounts[k]?.managedPolicies !== undefined)]);
  for (const key of [...keys].sort()) {
    if (ctx.failedAccounts.has(key)) continue;
    const accountId = ctx.accountIds.get(key);
    const live = ctx.live.accounts[key]?.managedPolicies;
    if (live === undefined && accountId !== undefined) {
      ctx.conflicts.push({ address: `${key}/iam/managed-policy`, message: `customer managed policies of account ${key} (${accountId}) were not read` });
      continue;
    }
    const liveByKey = new Map(Object.values(live ?? {}).map((p) => [iamNameKey(p.name), p]));
    const base = { account: key, accountId, service: "iam" as const, type: "managed-policy" as const };
    const dependsOn = accountId === undefined ? [accountAddress(ctx, key)] : [];
    const wanted = new Set<string>();
    for (const spec of byAccount.get(key) ?? []) {
      wanted.add(iamNameKey(spec.name));
      const address = formatAddress({ ...base, name: spec.name });
      const after = desiredPolicy(spec, owner);
      const found = liveByKey.get(iamNameKey(spec.name));
      const before = found ? livePolicy(found) : null;
      if (before && canonicalJson(before) === canonicalJson(after)) continue;
      if (!before) {
        ctx.changes.push(makeChange({ ...base, name: spec.name, action: "create", before: null, after, dependsOn }));
        continue;
      }
      const owned = ownershipOf(before.tags, owner);
      if (!mayUpdate(before.tags, owner, spec.adopt)) {
        ctx.conflicts.push({ address, message: `policy ${spec.name} exists and is ${describeOwnership(owned)}; set adopt: true to take it over` });
        continue;
      }
      const fixed = unchangeable(before, after);
      if (fixed) {
        ctx.conflicts.push({ address, message: `policy ${spec.name}: ${fixed}` });
        continue;
      }
      const { parts, destructive } = comparePolicies(before, after);
      ctx.changes.push(makeChange({ ...base, name: spec.name, action: isClaimable(owned) ? "update" : "adopt", before, after, destructive, reasons: [...claimReasons(owned), ...changedReasons(parts)] }));
    }
    for (const found of Object.values(live ?? {})) {
      if (wanted.has(iamNameKey(found.name))) continue;
      const kind = ownershipOf(found.tags, owner).kind;
      const before = livePolicy(found);
      if (kind === "legacy") {
        ctx.changes.push(makeChange({ ...base, name: found.name, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "policy", removal: "legacy-unowned" }] }));
      } else if (kind === "mine") {
        ctx.changes.push(
          ctx.prune
            ? makeChange({ ...base, name: found.name, action: "delete", before, after: null })
            : makeChange({ ...base, name: found.name, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "managed policy", removal: "prune" }] }),
        );
      }
    }
  }
}

/** What IAM cannot change on an existing policy. */
function unchangeable(before: ManagedPolicyResource, after: ManagedPolicyResource): string | undefined {
  if (before.path !== after.path) return `its path is ${before.path} in IAM, ${after.path} in the YAML, and IAM cannot change a policy's path (delete it by hand, or keep the path)`;
  if (before.name !== after.name) return `it exists in this account as ${before.name} (IAM names ignore case): use that name in the YAML`;
  if (before.description !== after.description) return "IAM cannot change a policy's description (keep the description, or delete the policy by hand)";
  return undefined;
}

/** The parts that differ, and whether the new document can take access away. */
function comparePolicies(before: ManagedPolicyResource, after: ManagedPolicyResource): { parts: ChangedPart[]; destructive: boolean } {
  const parts: ChangedPart[] = [];
  let destructive = false;
  if (canonicalJson(before.document) !== canonicalJson(after.document)) {
    parts.push({ kind: "attribute", name: "document (new default version)" });
    destructive = policyNarrows(before.document, after.document);
  }
  if (canonicalJson(before.tags) !== canonicalJson(after.tags)) parts.push({ kind: "attribute", name: "tags" });
  return { parts, destructive };
}
