// IAM operations → the resource each is authorized against (Service Authorization Reference
// for IAM): the role for role operations, the policy for managed-policy operations, the user
// for user operations, the group for group operations (membership included), the provider for
// OpenID Connect provider operations, the instance profile for its operations, the path prefix
// for the list calls, "*" for GetAccountAuthorizationDetails and ListOpenIDConnectProviders. Every operation the IAM module serves must be
// here: one that is not would be served without any authorization.
import { parseQueryBody } from "../../protocol/query.js";
import { findRole } from "../../iam/state.js";
import { findGroup } from "../../iam/groups/records.js";
import { providerArn } from "../../iam/oidc-providers/records.js";
import { findUser } from "../../iam/users/records.js";
import type { EmuRequest, World } from "../../types.js";
import { ANY, type Target, type TargetOf } from "../target.js";

const paramsOf = (req: EmuRequest) => parseQueryBody(req.body, req.query);

/** The live role's ARN (with its path), or the ARN a role of that name would have at path "/". */
function roleArn(world: World, accountId: string, name: string, path = "/"): string {
  return findRole(world, accountId, name)?.arn ?? `arn:aws:iam::${accountId}:role${path}${name}`;
}

/** A role operation; `keys` maps condition keys (iam:PolicyARN, …) to the request parameter that sets them. */
function role(keys: Record<string, string> = {}): TargetOf {
  return (req, world) => {
    const params = paramsOf(req);
    const name = params.get("RoleName") ?? "";
    const context: Record<string, string> = {};
    for (const [key, param] of Object.entries(keys)) {
      const value = params.get(param);
      if (value !== null) context[key] = value;
    }
    const target: Target = { resources: [roleArn(world, req.principal.accountId, name, params.get("Path") ?? "/")], context };
    return target;
  };
}

const policy: TargetOf = (req) => ({ resources: [paramsOf(req).get("PolicyArn") ?? "*"] });

const newPolicy: TargetOf = (req) => {
  const params = paramsOf(req);
  return { resources: [`arn:aws:iam::${req.principal.accountId}:policy${params.get("Path") ?? "/"}${params.get("PolicyName") ?? ""}`] };
};

/** A user operation: the named user, or (UserName left out) the calling user itself. */
const user: TargetOf = (req, world) => {
  const named = paramsOf(req).get("UserName");
  if (named === null && req.principal.type === "user") return { resources: [req.principal.arn] };
  const name = named ?? "";
  const found = findUser(world, req.principal.accountId, name);
  return { resources: [found?.arn ?? `arn:aws:iam::${req.principal.accountId}:user/${name}`] };
};

/** A group operation, against the live group's ARN (with its path) or the one a group of that name would have at "/". */
function group(keys: Record<string, string> = {}): TargetOf {
  return (req, world) => {
    const params = paramsOf(req);
    const name = params.get("GroupName") ?? "";
    const context: Record<string, string> = {};
    for (const [key, param] of Object.entries(keys)) {
      const value = params.get(param);
      if (value !== null) context[key] = value;
    }
    const arn = findGroup(world, req.principal.accountId, name)?.arn ?? `arn:aws:iam::${req.principal.accountId}:group${params.get("Path") ?? "/"}${name}`;
    return { resources: [arn], context };
  };
}

/** An OpenID Connect provider operation: against the ARN it names, or (Create) the one its URL gives. */
const oidcProvider: TargetOf = (req) => {
  const params = paramsOf(req);
  const named = params.get("OpenIDConnectProviderArn");
  if (named !== null) return { resources: [named] };
  return { resources: [providerArn(req.principal.accountId, params.get("Url") ?? "")] };
};

/** An instance profile operation, against the profile's ARN (path as given, "/" otherwise). */
const instanceProfile: TargetOf = (req) => {
  const params = paramsOf(req);
  return { resources: [`arn:aws:iam::${req.principal.accountId}:instance-profile${params.get("Path") ?? "/"}${params.get("InstanceProfileName") ?? ""}`] };
};

/** List calls are authorized against the path prefix they list: arn:aws:iam::<id>:role/ by default. */
const listing =
  (kind: "role" | "policy" | "user" | "group" | "instance-profile"): TargetOf =>
  (req) => ({ resources: [`arn:aws:iam::${req.principal.accountId}:${kind}${paramsOf(req).get("PathPrefix") || "/"}`] });

export const IAM_TARGETS: Record<string, TargetOf> = {
  CreateRole: role({ "iam:PermissionsBoundary": "PermissionsBoundary" }),
  GetRole: role(),
  UpdateRole: role(),
  UpdateRoleDescription: role(),
  UpdateAssumeRolePolicy: role(),
  DeleteRole: role(),
  ListRoles: listing("role"),
  TagRole: role(),
  UntagRole: role(),
  ListRoleTags: role(),
  PutRolePolicy: role(),
  GetRolePolicy: role(),
  DeleteRolePolicy: role(),
  ListRolePolicies: role(),
  AttachRolePolicy: role({ "iam:PolicyARN": "PolicyArn" }),
  DetachRolePolicy: role({ "iam:PolicyARN": "PolicyArn" }),
  ListAttachedRolePolicies: role(),
  PutRolePermissionsBoundary: role({ "iam:PermissionsBoundary": "PermissionsBoundary" }),
  DeleteRolePermissionsBoundary: role(),
  CreatePolicy: newPolicy,
  GetPolicy: policy,
  DeletePolicy: policy,
  ListPolicies: listing("policy"),
  GetPolicyVersion: policy,
  CreatePolicyVersion: policy,
  DeletePolicyVersion: policy,
  ListPolicyVersions: policy,
  SetDefaultPolicyVersion: policy,
  TagPolicy: policy,
  UntagPolicy: policy,
  ListPolicyTags: policy,
  ListEntitiesForPolicy: policy,
  GetAccountAuthorizationDetails: ANY,
  CreateUser: user,
  GetUser: user,
  ListUsers: listing("user"),
  DeleteUser: user,
  CreateAccessKey: user,
  ListAccessKeys: user,
  DeleteAccessKey: user,
  AttachUserPolicy: user,
  DetachUserPolicy: user,
  ListAttachedUserPolicies: user,
  PutUserPolicy: user,
  GetUserPolicy: user,
  DeleteUserPolicy: user,
  ListUserPolicies: user,
  CreateInstanceProfile: instanceProfile,
  GetInstanceProfile: instanceProfile,
  DeleteInstanceProfile: instanceProfile,
  AddRoleToInstanceProfile: instanceProfile,
  RemoveRoleFromInstanceProfile: instanceProfile,
  ListInstanceProfiles: listing("instance-profile"),
  // The Service Authorization Reference lists the role as this action's resource.
  ListInstanceProfilesForRole: role(),
  CreateGroup: group(),
  GetGroup: group(),
  ListGroups: listing("group"),
  UpdateGroup: group(),
  DeleteGroup: group(),
  AddUserToGroup: group(),
  RemoveUserFromGroup: group(),
  ListGroupsForUser: user,
  AttachGroupPolicy: group({ "iam:PolicyARN": "PolicyArn" }),
  DetachGroupPolicy: group({ "iam:PolicyARN": "PolicyArn" }),
  ListAttachedGroupPolicies: group(),
  PutGroupPolicy: group(),
  GetGroupPolicy: group(),
  DeleteGroupPolicy: group(),
  ListGroupPolicies: group(),
  CreateOpenIDConnectProvider: oidcProvider,
  GetOpenIDConnectProvider: oidcProvider,
  ListOpenIDConnectProviders: ANY,
  DeleteOpenIDConnectProvider: oidcProvider,
  AddClientIDToOpenIDConnectProvider: oidcProvider,
  RemoveClientIDFromOpenIDConnectProvider: oidcProvider,
  UpdateOpenIDConnectProviderThumbprint: oidcProvider,
  TagOpenIDConnectProvider: oidcProvider,
  UntagOpenIDConnectProvider: oidcProvider,
  ListOpenIDConnectProviderTags: oidcProvider,
};
