// Role operations: CreateRole, GetRole, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy, DeleteRole, ListRoles and role tagging.
import { required } from "../protocol/query.js";
import type { World } from "../types.js";
import { checkBoundary } from "./boundaries.js";
import { compareKeys, requireModifiable, requireRole, type IamHandler } from "./call.js";
import { Constraints, intParam } from "./constraints.js";
import { noteNewRole, propagated } from "../consistency/propagation.js";
import { deleteConflict, entityExists, limitExceeded, noSuchRole } from "./errors.js";
import { profilesOfRole } from "./instance-profile-state.js";
import { ROLE_IN_INSTANCE_PROFILE } from "./instance-profiles.js";
import { paginate } from "./pagination.js";
import { policySize, validateTrustPolicy } from "./policy-validation.js";
import { putRole } from "./state.js";
import { mergeTags, readTagKeys, readTags, removeTags } from "./tags.js";
import { roleXml, tagsXml } from "./xml.js";

const TRUST_POLICY_QUOTA = 2048;
/** pathPrefixType: must start with a slash. */
const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;

function checkTrustPolicy(text: string, world: World): void {
  validateTrustPolicy(text, world);
  if (policySize(text) > TRUST_POLICY_QUOTA)
    throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${TRUST_POLICY_QUOTA}`);
}

const optional = (params: URLSearchParams, name: string) => params.get(name) ?? undefined;

export const createRole: IamHandler = (call) => {
  const { params, world, accountId, state } = call;
  const roleName = required(params, "RoleName");
  const document = required(params, "AssumeRolePolicyDocument");
  const path = optional(params, "Path") ?? "/";
  const description = optional(params, "Description");
  const maxSessionDuration = intParam(params, "MaxSessionDuration");
  new Constraints()
    .name("roleName", roleName, 64)
    .path("path", path)
    .policyDocument("assumeRolePolicyDocument", document)
    .description(description)
    .range("maxSessionDuration", maxSessionDuration, 3600, 43200)
    .check();
  const tags = readTags(params);
  const boundary = optional(params, "PermissionsBoundary");
  if (state.roles.has(roleName.toLowerCase())) throw entityExists(`Role with name ${roleName} already exists.`);
  checkTrustPolicy(document, world);
  const permissionsBoundary = boundary === undefined ? undefined : checkBoundary(call, boundary);
  const role = putRole(world, accountId, {
    roleName, path, assumeRolePolicyDocument: document, description, maxSessionDuration, tags, permissionsBoundary,
  });
  noteNewRole(world, role.arn);
  return `<Role>${roleXml(role, { tags: true, roleLastUsed: false })}</Role>`;
};

export const getRole: IamHandler = (call) => {
  const name = required(call.params, "RoleName");
  const role = requireRole(call, name);
  if (!propagated(call.world, role.arn, "read")) throw noSuchRole(name);
  return `<Role>${roleXml(role, { tags: true, roleLastUsed: true })}</Role>`;
};

export const updateRole: IamHandler = (call) => {
  const { params } = call;
  const description = optional(params, "Description");
  const maxSessionDuration = intParam(params, "MaxSessionDuration");
  new Constraints().description(description).range("maxSessionDuration", maxSessionDuration, 3600, 43200).check();
  const role = requireModifiable(requireRole(call, required(params, "RoleName")));
  if (params.has("Description")) role.description = description || undefined;
  if (maxSessionDuration !== undefined) role.maxSessionDuration = maxSessionDuration;
  return "";
};

export const updateRoleDescription: IamHandler = (call) => {
  const description = required(call.params, "Description");
  new Constraints().description(description).check();
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  role.description = description;
  return `<Role>${roleXml(role, { tags: true, roleLastUsed: true })}</Role>`;
};

export const updateAssumeRolePolicy: IamHandler = (call) => {
  const document = required(call.params, "PolicyDocument");
  new Constraints().policyDocument("policyDocument", document).check();
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  checkTrustPolicy(document, call.world);
  role.assumeRolePolicyDocument = document;
  return null;
};

export const deleteRole: IamHandler = (call) => {
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  if (role.inlinePolicies.size > 0) throw deleteConflict("Cannot delete entity, must delete policies first.");
  if (role.attachedPolicies.length > 0) throw deleteConflict("Cannot delete entity, must detach all policies first.");
  if (profilesOfRole(call.state, role).length > 0) throw deleteConflict(ROLE_IN_INSTANCE_PROFILE);
  call.state.roles.delete(role.roleName.toLowerCase());
  return null;
};

export const listRoles: IamHandler = (call) => {
  const prefix = call.params.get("PathPrefix") || "/";
  new Constraints().length("pathPrefix", prefix, 1, 512).pattern("pathPrefix", prefix, PATH_PREFIX_PATTERN, "\\u002F[\\u0021-\\u007F]*").check();
  const roles = [...call.state.roles.values()]
    .filter((r) => r.path.startsWith(prefix) && propagated(call.world, r.arn, "read"))
    .sort((a, b) => compareKeys(a.roleName.toLowerCase(), b.roleName.toLowerCase()));
  const page = paginate(roles, (r) => r.roleName.toLowerCase(), call.params);
  const items = page.items.map((r) => `<member>${roleXml(r, { tags: false, roleLastUsed: false })}</member>`);
  return `<Roles>${items.join("")}</Roles>${page.xml}`;
};

export const tagRole: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  role.tags = mergeTags(role.tags, readTags(call.params), "Role");
  return null;
};

export const untagRole: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  role.tags = removeTags(role.tags, readTagKeys(call.params));
  return null;
};

export const listRoleTags: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  const indexed = role.tags.map((t, i) => ({ t, key: String(i).padStart(4, "0") }));
  const page = paginate(indexed, (x) => x.key, call.params);
  return tagsXml(page.items.map((x) => x.t)) + page.xml;
};

export const roleOperations = {
  CreateRole: createRole,
  GetRole: getRole,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  DeleteRole: deleteRole,
  ListRoles: listRoles,
  TagRole: tagRole,
  UntagRole: untagRole,
  ListRoleTags: listRoleTags,
} satisfies Record<string, IamHandler>;
