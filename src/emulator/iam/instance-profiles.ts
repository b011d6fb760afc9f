// Instance profile operations: CreateInstanceProfile, GetInstanceProfile,
// DeleteInstanceProfile, AddRoleToInstanceProfile, RemoveRoleFromInstanceProfile,
// ListInstanceProfiles and ListInstanceProfilesForRole. A role in a profile cannot be
// deleted, which is what tools that delete roles must be ready for.
import { el, members, required } from "../protocol/query.js";
import { AwsError } from "../types.js";
import { compareKeys, requireRole, type IamCall, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { deleteConflict, entityExists, limitExceeded, noSuchRole } from "./errors.js";
import { profilesOfRole, putInstanceProfile, type InstanceProfileRecord } from "./instance-profile-state.js";
import { paginate } from "./pagination.js";
import { readTags } from "./tags.js";
import { isoDate, roleHeadXml, tagsXml } from "./xml.js";

const PROFILES_PER_ACCOUNT = 1000;
const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;

export const ROLE_IN_INSTANCE_PROFILE = "Cannot delete entity, must remove roles from instance profile first.";

const noSuchProfile = (name: string) => new AwsError("NoSuchEntity", `Instance Profile ${name} cannot be found.`, 404);

/** The InstanceProfile shape; ListInstanceProfiles* leave out Tags, as for roles. */
export function instanceProfileXml(p: InstanceProfileRecord, withTags: boolean): string {
  return (
    el("Path", p.path) +
    el("InstanceProfileName", p.instanceProfileName) +
    el("InstanceProfileId", p.instanceProfileId) +
    el("Arn", p.arn) +
    el("CreateDate", isoDate(p.createDate)) +
    members("Roles", p.roles, roleHeadXml) +
    (withTags && p.tags.length > 0 ? tagsXml(p.tags) : "")
  );
}

function requireProfile(call: IamCall, name: string): InstanceProfileRecord {
  new Constraints().name("instanceProfileName", name, 128).check();
  const profile = call.state.instanceProfiles.get(name.toLowerCase());
  if (!profile) throw noSuchProfile(name);
  return profile;
}

const createInstanceProfile: IamHandler = (call) => {
  const { params, world, accountId, state } = call;
  const name = required(params, "InstanceProfileName");
  const path = params.get("Path") ?? "/";
  new Constraints().name("instanceProfileName", name, 128).path("path", path).check();
  const tags = readTags(params);
  if (state.instanceProfiles.has(name.toLowerCase())) throw entityExists(`Instance Profile ${name} already exists.`);
  if (state.instanceProfiles.size >= PROFILES_PER_ACCOUNT)
    throw limitExceeded(`Cannot exceed quota for InstanceProfilesPerAccount: ${PROFILES_PER_ACCOUNT}`);
  const profile = putInstanceProfile(world, accountId, { instanceProfileName: name, path, tags });
  return `<InstanceProfile>${instanceProfileXml(profile, true)}</InstanceProfile>`;
};

const getInstanceProfile: IamHandler = (call) => {
  const profile = requireProfile(call, required(call.params, "InstanceProfileName"));
  return `<InstanceProfile>${instanceProfileXml(profile, true)}</InstanceProfile>`;
};

const deleteInstanceProfile: IamHandler = (call) => {
  const profile = requireProfile(call, required(call.params, "InstanceProfileName"));
  if (profile.roles.length > 0) throw deleteConflict(ROLE_IN_INSTANCE_PROFILE);
  call.state.instanceProfiles.delete(profile.instanceProfileName.toLowerCase());
  return null;
};

const addRoleToInstanceProfile: IamHandler = (call) => {
  const profile = requireProfile(call, required(call.params, "InstanceProfileName"));
  const role = requireRole(call, required(call.params, "RoleName"));
  // One role per profile, whichever role it is (the same one included).
  if (profile.roles.length > 0) throw limitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  profile.roles.push(role);
  return null;
};

const removeRoleFromInstanceProfile: IamHandler = (call) => {
  const profile = requireProfile(call, required(call.params, "InstanceProfileName"));
  const role = requireRole(call, required(call.params, "RoleName"));
  if (!profile.roles.includes(role)) throw noSuchRole(role.roleName);
  profile.roles = profile.roles.filter((r) => r !== role);
  return null;
};

function listXml(call: IamCall, profiles: InstanceProfileRecord[]): string {
  const sorted = [...profiles].sort((a, b) => compareKeys(a.instanceProfileName.toLowerCase(), b.instanceProfileName.toLowerCase()));
  const page = paginate(sorted, (p) => p.instanceProfileName.toLowerCase(), call.params);
  return members("InstanceProfiles", page.items, (p) => instanceProfileXml(p, false)) + page.xml;
}

const listInstanceProfiles: IamHandler = (call) => {
  const prefix = call.params.get("PathPrefix") || "/";
  new Constraints().length("pathPrefix", prefix, 1, 512).pattern("pathPrefix", prefix, PATH_PREFIX_PATTERN, "\\u002F[\\u0021-\\u007F]*").check();
  return listXml(call, [...call.state.instanceProfiles.values()].filter((p) => p.path.startsWith(prefix)));
};

const listInstanceProfilesForRole: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  return listXml(call, profilesOfRole(call.state, role));
};

export const instanceProfileOperations = {
  CreateInstanceProfile: createInstanceProfile,
  GetInstanceProfile: getInstanceProfile,
  DeleteInstanceProfile: deleteInstanceProfile,
  AddRoleToInstanceProfile: addRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile: removeRoleFromInstanceProfile,
  ListInstanceProfiles: listInstanceProfiles,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
} satisfies Record<string, IamHandler>;
