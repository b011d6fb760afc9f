// IAM roles per target account: create, update, replace (path change), adopt,
// delete (managed and pruned only) — never the access role or the caller's role, and never
// a role IAM would refuse to delete (in an instance profile): that is a conflict instead.
import { iamNameKey, roleOfArn, sameIamName } from "../../aws/iam-identity.js";
import { rolePathsOf } from "../../model/trust.js";
import { describeOwnership, isClaimable, mayUpdate, ownershipOf } from "../../model/ownership.js";
import type { AccountSpec, RoleSpec } from "../../model/types.js";
import { changedReasons, claimReasons } from "../../engine/reasons.js";
import { formatAddress } from "../../engine/address.js";
import { canonicalJson } from "../../engine/canonical.js";
import { makeChange } from "../../engine/change.js";
import { instanceProfileBlock } from "./role/delete-blockers.js";
import { accountAddress, accountIdOrPlaceholder, type DiffContext } from "../../engine/context.js";
import { compareRoles } from "./role/compare.js";
import { desiredRole, liveRole } from "./role/shape.js";
import type { LiveAccountState } from "../../engine/types.js";
import { declaredPolicyArn } from "../../model/policy-arns.js";
import { substitute } from "../../model/references/substitute.js";
import { grantReasons, grantsOf } from "./grants.js";
import { spelledAs } from "./policy-parts.js";

export interface RoleAssignment {
  account: AccountSpec;
  role: RoleSpec;
}

const LOCKOUT = "refused: would lock orgctl out";

export function diffIam(ctx: DiffContext, assignments: RoleAssignment[]): void {
  const resolve = (ref: string) => accountIdOrPlaceholder(ctx, ref);
  const rolePath = rolePathsOf(ctx.desired);
  const byAccount = new Map<string, RoleAssignment[]>();
  for (const a of assignments) byAccount.set(a.account.key, [...(byAccount.get(a.account.key) ?? []), a]);
  const caller = roleOfArn(ctx.opts.callerRoleArn);
  const owner = ctx.desired.settings.owner;
  const grants = grantsOf(ctx);

  const keys = new Set([...byAccount.keys(), ...Object.keys(ctx.live.accounts)]);
  for (const key of [...keys].sort()) {
    if (ctx.failedAccounts.has(key)) continue;
    const accountId = ctx.accountIds.get(key);
    const live = liveAccount(ctx, key, accountId);
    if (live === "unread") {
      ctx.conflicts.push({ address: `${key}/iam`, message: `live state of account ${key} (${accountId}) was not read` });
      continue;
    }
    const isProtected = (name: string) =>
      sameIamName(name, ctx.opts.accessRole) || (caller !== undefined && caller.accountId === accountId && sameIamName(caller.name, name));
    // IAM names are unique per account whatever their case: look roles up the same way.
    const liveByKey = new Map(Object.values(live.roles ?? {}).map((r) => [iamNameKey(r.name), r]));
    const base = { account: key, accountId, service: "iam" as const, type: "role" as const };
    const accountDeps = accountId === undefined ? [accountAddress(ctx, key)] : [];
    const wanted = new Set<string>();

    for (const { role } of byAccount.get(key) ?? []) {
      wanted.add(iamNameKey(role.name));
      const address = formatAddress({ ...base, name: role.name });
      const granted = grants.of("role", key, role.name);
      const after = desiredRole(grants.add(inAccount(ctx, key, role), granted), resolve, rolePath, owner, resolve(key));
      const found = liveByKey.get(iamNameKey(role.name));
      const read = found ? liveRole(found, role.instanceProfile?.name, owner) : null;
      const before = read && { ...read, inlinePolicies: spelledAs(read.inlinePolicies, after.inlinePolicies) };
      if (before && canonicalJson(before) === canonicalJson(after)) continue;
      const unknown = after.managedPolicies.filter((arn) => ctx.live.unknownManagedPolicies?.includes(arn));
      if (unknown.length > 0) {
        ctx.conflicts.push({ address, message: `managed policy ${unknown.join(", ")} does not exist in IAM` });
        continue;
      }
      if (isProtected(role.name)) {
        ctx.conflicts.push({ address, message: `${LOCKOUT}: ${role.name} is the role orgctl uses to reach this account` });
        continue;
      }
      const common = { ...base, name: role.name, after, dependsOn: accountDeps };
      if (before && before.name !== after.name) {
        // IAM cannot rename a role, and treating the two spellings as two roles would
        // "create" one that exists and then rewrite it.
        ctx.conflicts.push({ address, message: `role ${role.name} exists in this account as ${before.name} (IAM role names ignore case): use that name in the YAML` });
        continue;
      }
      if (!before) {
        ctx.changes.push(makeChange({ ...common, action: "create", before: null, reasons: grantReasons(null, after, granted) }));
      } else if (!mayUpdate(before.tags, owner, role.adopt)) {
        ctx.conflicts.push({ address, message: `role ${role.name} exists and is ${describeOwnership(ownershipOf(before.tags, owner))}; set adopt: true to take it over` });
      } else if (before.path !== after.path) {
        // The role's own declared profile is orgctl's to release and re-join; others block.
        const blocked = found && instanceProfileBlock(found.name, found.instanceProfiles.filter((p) => p !== before.instanceProfile?.name));
        if (blocked) {
          ctx.conflicts.push({ address, message: `${blocked} (its path changes from ${before.path} to ${after.path}, which deletes and re-creates the role)` });
          continue;
        }
        ctx.changes.push(makeChange({ ...common, action: "replace", before, reasons: [{ kind: "path-change", from: before.path, to: after.path }, ...grantReasons(null, after, granted)] }));
      } else {
        const delta = compareRoles(before, after);
        const owned = ownershipOf(before.tags, owner);
        const action = isClaimable(owned) ? "update" : "adopt";
        ctx.changes.push(makeChange({ ...common, action, before, destructive: delta.destructive, reasons: [...claimReasons(owned), ...changedReasons(delta.parts), ...grantReasons(before, after, granted)] }));
      }
    }

    for (const found of Object.values(live.roles ?? {})) {
      if (wanted.has(iamNameKey(found.name)) || isProtected(found.name)) continue;
      const owned = ownershipOf(found.tags, owner).kind;
      const before = liveRole(found, undefined, owner);
      // Only this owner's roles are leftovers. An unowned legacy one is shown, never pruned:
      // another desired state may be the one that made it.
      if (owned === "legacy") {
        ctx.changes.push(makeChange({ ...base, name: found.name, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "role", removal: "legacy-unowned" }] }));
        continue;
      }
      if (owned !== "mine") continue;
      // Its own profile (orgctl made it) goes with it; others block the delete.
      const blocked = instanceProfileBlock(found.name, found.instanceProfiles.filter((p) => p !== before.instanceProfile?.name));
      if (ctx.prune && blocked) {
        ctx.conflicts.push({ address: formatAddress({ ...base, name: found.name }), message: `${blocked} (prune would delete the role)` });
      } else if (ctx.prune) {
        ctx.changes.push(makeChange({ ...base, name: found.name, action: "delete", before, after: null }));
      } else {
        ctx.changes.push(makeChange({ ...base, name: found.name, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "managed role", removal: "prune" }] }));
      }
    }
  }
}

/**
 * The role as it stands in one account: the policies it names as `${policy:<name>}` are the
 * ones the desired state puts in this very account.
 */
export function inAccount<T>(ctx: DiffContext, key: string, value: T): T {
  const id = accountIdOrPlaceholder(ctx, key);
  return substitute(value, (ref) => (ref.kind === "policy" && ref.account === undefined ? declaredPolicyArn(ctx.desired.policies, ref.name, id) : undefined)).value;
}

/** Empty for an account that does not exist yet; "unread" when it exists but was not read. */
function liveAccount(ctx: DiffContext, key: string, accountId: string | undefined): LiveAccountState | "unread" {
  const found = ctx.live.accounts[key];
  if (found) return found;
  if (accountId !== undefined) return "unread";
  return { accountId: "", roles: {}, appconfig: {}, strategies: {} };
}
