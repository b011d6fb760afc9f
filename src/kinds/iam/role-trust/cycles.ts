// Roles that name each other in their trust policies (A trusts B, B trusts A) cannot be
// created in any order: IAM rejects a principal that does not exist yet. Done by hand,
// one creates A without B in its trust, creates B, then completes A's trust. This does
// the same in the plan: one create per cycle leaves out the principals of the roles it
// waits for, and a follow-up "role-trust" update (after those roles exist) puts them in.
import { makeChange } from "../../../engine/change.js";
import { CycleError, topologicalOrder } from "../../../engine/graph.js";
import { accountPlaceholder } from "../../../engine/resources.js";
import type { PolicyDocument, PolicyStatement } from "../../../model/types.js";
import type { RoleTrustResource } from "./resource.js";
import type { Change, ChangeOf } from "../../../engine/types.js";


const ROLE_CREATES = new Set(["create", "replace"]);

/** Plan address of the role a principal ARN names (undefined when it names no role). */
export type RoleAddressOf = (arn: string) => string | undefined;

/** Splits, in place, the role creates of every trust cycle in `changes` (a whole plan, or merged shards). */
export function breakTrustCycles(changes: Change[], roleAddress: RoleAddressOf): void {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  const deferred = new Map<string, Set<string>>();
  for (let cycle = findCycle(changes); cycle; cycle = findCycle(changes)) {
    const members = cycle.slice(0, -1);
    const roles = members.filter((a) => isRoleCreate(byAddress.get(a)));
    // Only trust dependencies link role creates; any other cycle is left for the plan to report.
    if (roles.length !== members.length) return;
    const breaker = [...roles].sort()[0]!;
    const waitsFor = cycle[cycle.indexOf(breaker) + 1]!;
    const change = byAddress.get(breaker)!;
    change.dependsOn = change.dependsOn.filter((d) => d !== waitsFor);
    deferred.set(breaker, (deferred.get(breaker) ?? new Set()).add(waitsFor));
  }
  for (const [address, waits] of deferred) {
    const index = changes.findIndex((c) => c.address === address);
    const change = changes[index];
    if (!isRoleCreate(change)) continue;
    const [first, followUp] = splitTrust(change, [...waits].sort(), roleAddress);
    changes.splice(index, 1, first, followUp);
  }
}

function findCycle(changes: Change[]): string[] | undefined {
  const byAddress = new Map(changes.map((c) => [c.address, c]));
  try {
    topologicalOrder([...byAddress.keys()], (a) => byAddress.get(a)?.dependsOn ?? []);
    return undefined;
  } catch (err) {
    if (err instanceof CycleError) return err.cycle;
    throw err;
  }
}

function isRoleCreate(change: Change | undefined): change is ChangeOf<"role"> {
  return change?.type === "role" && ROLE_CREATES.has(change.action);
}

/** The create with a trust IAM accepts now, and the update that completes it. */
function splitTrust(change: ChangeOf<"role">, waits: string[], roleAddress: RoleAddressOf): [ChangeOf<"role">, ChangeOf<"role-trust">] {
  const role = change.after;
  if (role === null) throw new Error(`${change.address}: a role create without a role`);
  const accountId = change.accountId ?? accountPlaceholder(change.account);
  const interim = withoutRoles(role.assumeRolePolicy, waits, accountId, roleAddress);
  const common = { account: change.account, service: change.service, name: change.name, accountId: change.accountId };
  const first = makeChange({
    ...common,
    type: "role",
    action: change.action,
    before: change.before,
    after: { ...role, assumeRolePolicy: interim },
    dependsOn: change.dependsOn,
    destructive: change.destructive,
    reasons: [...change.reasons, ...waits.map((w) => ({ kind: "trust-completed-later" as const, waitsFor: w }))],
  });
  const followUp = makeChange({
    ...common,
    type: "role-trust",
    action: "update",
    before: { name: role.name, assumeRolePolicy: interim } satisfies RoleTrustResource,
    after: { name: role.name, assumeRolePolicy: role.assumeRolePolicy } satisfies RoleTrustResource,
    dependsOn: [...new Set([change.address, ...waits])],
    destructive: false,
    reasons: [{ kind: "completes-trust", of: change.address, waitsFor: waits }],
  });
  return [first, followUp];
}

/**
 * The trust policy without the principals of the roles in `waits`. When nothing is left,
 * a Deny of the role's own account: IAM wants at least one statement with a principal,
 * and a Deny grants nothing, so until the follow-up runs no one can assume the role (a
 * role is assumable only by principals its trust policy allows).
 */
function withoutRoles(policy: PolicyDocument, waits: string[], accountId: string, roleAddress: RoleAddressOf): PolicyDocument {
  const isDeferred = (arn: string) => waits.includes(roleAddress(arn) ?? "");
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]).flatMap((s) => {
    const kept = withoutRolePrincipals(s, isDeferred);
    return kept ? [kept] : [];
  });
  if (statements.length > 0) return { ...policy, Statement: statements };
  return {
    ...policy,
    Statement: [{ Effect: "Deny", Principal: { AWS: [`arn:aws:iam::${accountId}:root`] }, Action: ["sts:AssumeRole"] }],
  };
}

/**
 * The statement without the AWS principals `isDeferred` picks; undefined when it has no
 * principal left. NotPrincipal is left alone: taking a role out of it widens a Deny.
 */
function withoutRolePrincipals(statement: PolicyStatement, isDeferred: (arn: string) => boolean): PolicyStatement | undefined {
  const principal = statement.Principal;
  if (principal === null || typeof principal !== "object") return statement;
  const kept: Record<string, unknown[]> = {};
  for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => !(kind === "AWS" && isDeferred(String(v))));
    if (values.length > 0) kept[kind] = values;
  }
  return Object.keys(kept).length > 0 ? { ...statement, Principal: kept } : undefined;
}
