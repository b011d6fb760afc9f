// Which policies govern a caller: its role's inline and attached managed policies and its
// permissions boundary for a role session or an IAM user (the IAM user model, found by the
// name in the caller's ARN); everything for an account's root.
import type { Principal, World } from "../types.js";
import { AWS_MANAGED_POLICIES } from "../iam/aws-managed-policies.js";
import { findRoleByArn, iamState } from "../iam/state.js";
import { groupsOfUser } from "../iam/groups/records.js";
import { findUser } from "../iam/users/records.js";
import type { PolicySet } from "./evaluate.js";

/** "unrestricted" for the account root; otherwise the policies to evaluate. */
export type Governing = "unrestricted" | PolicySet;

/** A managed policy's default version as the account sees it: AWS managed, or its own. */
export function managedPolicyDocument(world: World, accountId: string, arn: string): string | undefined {
  const aws = AWS_MANAGED_POLICIES.get(arn);
  if (aws) return aws.document;
  const own = iamState(world, accountId).policies.get(arn);
  return own?.versions.get(own.defaultVersionId)?.document;
}

/** Policies of an identity that holds inline policies, attached ARNs and maybe a boundary. */
export function identityPolicies(
  world: World,
  accountId: string,
  holder: { inlinePolicies: Map<string, string>; attachedPolicies: string[]; permissionsBoundary?: string },
): PolicySet {
  const attached = holder.attachedPolicies.map((arn) => managedPolicyDocument(world, accountId, arn)).filter((d): d is string => d !== undefined);
  const set: PolicySet = { identity: [...holder.inlinePolicies.values(), ...attached] };
  // A boundary whose policy has gone allows nothing: an empty statement list.
  if (holder.permissionsBoundary !== undefined) set.boundary = managedPolicyDocument(world, accountId, holder.permissionsBoundary) ?? '{"Statement":[]}';
  return set;
}

/** The plug point for the IAM user model: a user's policies (groups included) by name. */
export type UserPolicyLookup = (world: World, accountId: string, userName: string) => PolicySet | undefined;

/** The IAM user model's policies, its groups' included; an unknown user has none (it may call nothing that needs a permission). */
const fromUserModel: UserPolicyLookup = (world, accountId, userName) => {
  const user = findUser(world, accountId, userName);
  if (!user) return undefined;
  const own = identityPolicies(world, accountId, user);
  for (const group of groupsOfUser(iamState(world, accountId), user)) own.identity.push(...identityPolicies(world, accountId, group).identity);
  return own;
};

export function governingPolicies(world: World, principal: Principal, userPolicies: UserPolicyLookup = fromUserModel): Governing {
  switch (principal.type) {
    case "root":
      return "unrestricted";
    case "assumed-role": {
      const role = principal.roleArn === undefined ? undefined : findRoleByArn(world, principal.roleArn);
      return role ? identityPolicies(world, principal.accountId, role) : { identity: [] };
    }
    case "user": {
      const userName = principal.arn.slice(principal.arn.lastIndexOf("/") + 1);
      return userPolicies(world, principal.accountId, userName) ?? { identity: [] };
    }
  }
}
