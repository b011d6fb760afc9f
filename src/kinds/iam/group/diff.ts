// IAM groups per target account: create, or update (path, policies, members). Groups carry
// no tags, so a declared group is managed by name and never pruned: one the YAML drops is
// left as it is. Members must be existing users (orgctl never creates users or credentials).
// A change that could lock out the IAM user running orgctl (caller-lockout.ts) is a conflict.
import { iamNameKey, userOfArn } from "../../../aws/iam-identity.js";
import { formatAddress } from "../../../engine/address.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { makeChange } from "../../../engine/change.js";
import { accountAddress, type DiffContext } from "../../../engine/context.js";
import { changedReasons, type ChangedPart } from "../../../engine/reasons.js";
import { targetAccounts } from "../../../model/targets.js";
import type { GroupSpec } from "../../../model/types.js";
import { inAccount } from "../diff.js";
import { policyParts, spelledAs } from "../policy-parts.js";
import { grantReasons, grantsOf } from "../grants.js";
import { groupCallerLockout } from "./caller-lockout.js";
import type { GroupResource } from "./resource.js";
import { desiredGroup, liveGroup } from "./shape.js";

export function groupsByAccount(ctx: Pick<DiffContext, "desired">): Map<string, GroupSpec[]> {
  const out = new Map<string, GroupSpec[]>();
  for (const spec of ctx.desired.groups)
    for (const account of targetAccounts(ctx.desired.accounts, spec.targets)) out.set(account.key, [...(out.get(account.key) ?? []), spec]);
  return out;
}

export function diffGroups(ctx: DiffContext): void {
  const grants = grantsOf(ctx);
  for (const [key, specs] of [...groupsByAccount(ctx)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ctx.failedAccounts.has(key)) continue;
    const accountId = ctx.accountIds.get(key);
    const live = ctx.live.accounts[key];
    if (live?.groups === undefined && accountId !== undefined) {
      ctx.conflicts.push({ address: `${key}/iam/group`, message: `groups of account ${key} (${accountId}) were not read` });
      continue;
    }
    const users = live?.users ?? [];
    const user = userOfArn(ctx.opts.callerRoleArn);
    const caller = user !== undefined && user.accountId === accountId ? user : undefined;
    const liveByKey = new Map(Object.values(live?.groups ?? {}).map((g) => [iamNameKey(g.name), g]));
    const base = { account: key, accountId, service: "iam" as const, type: "group" as const };
    const dependsOn = accountId === undefined ? [accountAddress(ctx, key)] : [];
    for (const spec of specs) {
      const address = formatAddress({ ...base, name: spec.name });
      const granted = grants.of("group", key, spec.name);
      const after = desiredGroup(grants.add(inAccount(ctx, key, spec), granted), users);
      const missing = after.members.filter((m) => !users.includes(m));
      if (missing.length > 0) {
        ctx.conflicts.push({ address, message: `user${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${missing.length > 1 ? "do" : "does"} not exist in account ${key}: orgctl adds existing users to groups, it never creates users` });
        continue;
      }
      const found = liveByKey.get(iamNameKey(spec.name));
      const read = found ? liveGroup(found) : null;
      const before = read && { ...read, inlinePolicies: spelledAs(read.inlinePolicies, after.inlinePolicies) };
      if (before && canonicalJson(before) === canonicalJson(after)) continue;
      const unknown = after.managedPolicies.filter((arn) => ctx.live.unknownManagedPolicies?.includes(arn));
      if (unknown.length > 0) {
        ctx.conflicts.push({ address, message: `managed policy ${unknown.join(", ")} does not exist in IAM` });
        continue;
      }
      if (!before) {
        ctx.changes.push(makeChange({ ...base, name: spec.name, action: "create", before: null, after, dependsOn, reasons: grantReasons(null, after, granted) }));
        continue;
      }
      if (before.name !== after.name) {
        ctx.conflicts.push({ address, message: `group ${spec.name} exists in this account as ${before.name} (IAM names ignore case): use that name in the YAML` });
        continue;
      }
      const lockout = caller && groupCallerLockout(before, after, caller);
      if (lockout) {
        ctx.conflicts.push({ address, message: `refused: ${lockout}` });
        continue;
      }
      const { parts, destructive } = compareGroups(before, after);
      ctx.changes.push(makeChange({ ...base, name: spec.name, action: "update", before, after, destructive, reasons: [...changedReasons(parts), ...grantReasons(before, after, granted)] }));
    }
  }
}

/** Removing a member, a policy, or narrowing one takes access away: destructive. */
function compareGroups(before: GroupResource, after: GroupResource): { parts: ChangedPart[]; destructive: boolean } {
  const parts: ChangedPart[] = [];
  let destructive = false;
  if (before.path !== after.path) parts.push({ kind: "attribute", name: "path" });
  const policies = policyParts(before, after);
  parts.push(...policies.parts);
  destructive ||= policies.destructive;
  for (const m of after.members) if (!before.members.includes(m)) parts.push({ kind: "attribute", name: `member ${m} (add)` });
  for (const m of before.members.filter((x) => !after.members.includes(x))) {
    parts.push({ kind: "attribute", name: `member ${m} (remove)` });
    destructive = true;
  }
  return { parts, destructive };
}
