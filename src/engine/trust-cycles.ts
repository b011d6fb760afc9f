// Roles that name each other in their trust policies (A trusts B, B trusts A) cannot be
// created in any order: IAM rejects a principal that does not exist yet. Done by hand,
// one creates A without B in its trust, creates B, then completes A's trust. This does
// the same in the plan: one create per cycle leaves out the principals of the roles it
// waits for, and a follow-up "role-trust" update (after those roles exist) puts them in.
import { makeChange } from "./change.js";
import { CycleError, topologicalOrder } from "./graph.js";
import { accountPlaceholder, type RoleResource } from "./resources.js";
import type { PolicyDocument, PolicyStatement } from "../model/types.js";
import type { Change } from "./types.js";

/** Type of the follow-up change that completes a role's trust policy. */
export const ROLE_TRUST_TYPE = "role-trust";

/** What a role-trust change carries in `before` and `after`. */
export interface RoleTrustResource {
  name: string;
  assumeRolePolicy: PolicyDocument;
}

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
    const [first, followUp] = splitTrust(changes[index]!, [...waits].sort(), roleAddress);
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

function isRoleCreate(change: Change | undefined): boolean {
  return change?.service === "iam" && change.type === "role" && ROLE_CREATES.has(change.action);
}

/** The create with a trust IAM accepts now, and the update that completes it. */
function splitTrust(change: Change, waits: string[], roleAddress: RoleAddressOf): [Change, Change] {
  const role = change.after as RoleResource;
  const accountId = change.accountId ?? accountPlaceholder(change.account);
  const interim = withoutRoles(role.assumeRolePolicy, waits, accountId, roleAddress);
  const common = { account: change.account, service: change.service, name: change.name, ...(change.accountId ? { accountId: change.accountId } : {}) };
  const first = makeChange({
    ...common,
    type: change.type,
    action: change.action,
    before: change.before,
    after: { ...role, assumeRolePolicy: interim },
    dependsOn: change.dependsOn,
    destructive: change.destructive,
    notes: [...change.notes, ...waits.map((w) => `trust completed after ${w} exists`)],
  });
  const followUp = makeChange({
    ...common,
    type: ROLE_TRUST_TYPE,
    action: "update",
    before: { name: role.name, assumeRolePolicy: interim } satisfies RoleTrustResource,
    after: { name: role.name, assumeRolePolicy: role.assumeRolePolicy } satisfies RoleTrustResource,
    dependsOn: [change.address, ...waits],
    destructive: false,
    notes: [`completes the trust of ${change.address} once ${waits.join(", ")} exist${waits.length === 1 ? "s" : ""}`],
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
