// What every IAM operation handler receives, and the look-ups they share.
import type { Principal, World } from "../types.js";
import { AWS_MANAGED_POLICIES } from "./aws-managed-policies.js";
import { Constraints } from "./constraints.js";
import { noSuchRole, unmodifiable } from "./errors.js";
import type { IamState, ManagedPolicyRecord, RoleRecord } from "./state.js";
import type { PolicyView } from "./xml.js";

export interface IamCall {
  params: URLSearchParams;
  world: World;
  accountId: string;
  state: IamState;
  /** Who is calling (GetUser and the access-key operations default to the calling user). */
  principal: Principal;
}

/** Returns the operation's result XML, or null for operations with an empty result. */
export type IamHandler = (call: IamCall) => string | null;

/** Checks the name against the model's roleNameType first: AWS answers ValidationError, not NoSuchEntity, for a name no role can have. */
export function requireRole(call: IamCall, roleName: string): RoleRecord {
  new Constraints().name("roleName", roleName, 64).check();
  const role = call.state.roles.get(roleName.toLowerCase());
  if (!role) throw noSuchRole(roleName);
  return role;
}

/** Service-linked roles (path /aws-service-role/) belong to AWS services. */
export function requireModifiable(role: RoleRecord): RoleRecord {
  if (role.path.startsWith("/aws-service-role/")) throw unmodifiable(role.roleName);
  return role;
}

export const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function attachmentCount(state: IamState, arn: string): number {
  let n = 0;
  for (const role of state.roles.values()) if (role.attachedPolicies.includes(arn)) n++;
  for (const user of state.users.values()) if (user.attachedPolicies.includes(arn)) n++;
  for (const group of state.groups.values()) if (group.attachedPolicies.includes(arn)) n++;
  return n;
}

/** Roles that have the policy as their permissions boundary. */
export function boundaryUsageCount(state: IamState, arn: string): number {
  let n = 0;
  for (const role of state.roles.values()) if (role.permissionsBoundary === arn) n++;
  return n;
}

export function customerPolicyView(state: IamState, p: ManagedPolicyRecord): PolicyView {
  return {
    ...p,
    attachmentCount: attachmentCount(state, p.arn),
    boundaryUsageCount: boundaryUsageCount(state, p.arn),
    isAttachable: true,
    versions: [...p.versions].map(([versionId, v]) => ({ versionId, ...v })),
  };
}

export function awsPolicyView(state: IamState, arn: string): PolicyView | undefined {
  const p = AWS_MANAGED_POLICIES.get(arn);
  if (!p) return undefined;
  return {
    ...p,
    attachmentCount: attachmentCount(state, arn),
    boundaryUsageCount: boundaryUsageCount(state, arn),
    isAttachable: p.attachable,
    tags: [],
    versions: [{ versionId: p.defaultVersionId, document: p.document, createDate: p.updateDate }],
  };
}

/** Any managed policy visible to the account: AWS managed, or its own customer managed. */
export function policyView(state: IamState, arn: string): PolicyView | undefined {
  const own = state.policies.get(arn);
  return own ? customerPolicyView(state, own) : awsPolicyView(state, arn);
}
