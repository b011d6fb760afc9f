// Group operations: CreateGroup, GetGroup (with its members), ListGroups, UpdateGroup and
// DeleteGroup, which AWS refuses while the group has members or policies.
import { members, required } from "../../protocol/query.js";
import { compareKeys, type IamHandler } from "../call.js";
import { Constraints } from "../constraints.js";
import { deleteConflict, entityExists, limitExceeded } from "../errors.js";
import { paginate } from "../pagination.js";
import { userXml } from "../users/xml.js";
import { putGroup, requireGroup } from "./records.js";
import { groupXml } from "./xml.js";

/** Groups per account (IAM default quota). */
const GROUPS_QUOTA = 300;
const PATH_PREFIX_PATTERN = /^\/[\u0021-\u007F]*$/;

export const createGroup: IamHandler = (call) => {
  const { params, world, accountId, state } = call;
  const groupName = required(params, "GroupName");
  const path = params.get("Path") ?? "/";
  new Constraints().name("groupName", groupName, 128).path("path", path).check();
  if (state.groups.has(groupName.toLowerCase())) throw entityExists(`Group with name ${groupName} already exists.`);
  if (state.groups.size >= GROUPS_QUOTA) throw limitExceeded(`Cannot exceed quota for GroupsPerAccount: ${GROUPS_QUOTA}`);
  return `<Group>${groupXml(putGroup(world, accountId, { groupName, path }))}</Group>`;
};

/** The group and a page of its members (User shape without tags). */
export const getGroup: IamHandler = (call) => {
  const group = requireGroup(call, required(call.params, "GroupName"));
  const users = [...group.members].sort((a, b) => compareKeys(a.userName.toLowerCase(), b.userName.toLowerCase()));
  const page = paginate(users, (u) => u.userName.toLowerCase(), call.params);
  return `<Group>${groupXml(group)}</Group>` + members("Users", page.items, (u) => userXml(u, false)) + page.xml;
};

export const listGroups: IamHandler = (call) => {
  const prefix = call.params.get("PathPrefix") || "/";
  new Constraints().length("pathPrefix", prefix, 1, 512).pattern("pathPrefix", prefix, PATH_PREFIX_PATTERN, "\\u002F[\\u0021-\\u007F]*").check();
  const groups = [...call.state.groups.values()]
    .filter((g) => g.path.startsWith(prefix))
    .sort((a, b) => compareKeys(a.groupName.toLowerCase(), b.groupName.toLowerCase()));
  const page = paginate(groups, (g) => g.groupName.toLowerCase(), call.params);
  return members("Groups", page.items, groupXml) + page.xml;
};

/** Renames and/or moves a group; its id, members and policies stay. */
export const updateGroup: IamHandler = (call) => {
  const { params, state, accountId } = call;
  const newName = params.get("NewGroupName") ?? undefined;
  const newPath = params.get("NewPath") ?? undefined;
  new Constraints().name("newGroupName", newName, 128).path("newPath", newPath).check();
  const group = requireGroup(call, required(params, "GroupName"));
  if (newName !== undefined && newName.toLowerCase() !== group.groupName.toLowerCase() && state.groups.has(newName.toLowerCase()))
    throw entityExists(`Group with name ${newName} already exists.`);
  state.groups.delete(group.groupName.toLowerCase());
  if (newName !== undefined) group.groupName = newName;
  if (newPath !== undefined) group.path = newPath;
  group.arn = `arn:aws:iam::${accountId}:group${group.path}${group.groupName}`;
  state.groups.set(group.groupName.toLowerCase(), group);
  return null;
};

export const deleteGroup: IamHandler = (call) => {
  const group = requireGroup(call, required(call.params, "GroupName"));
  if (group.members.length > 0) throw deleteConflict("Cannot delete entity, must remove users from group first.");
  if (group.inlinePolicies.size > 0) throw deleteConflict("Cannot delete entity, must delete policies first.");
  if (group.attachedPolicies.length > 0) throw deleteConflict("Cannot delete entity, must detach all policies first.");
  call.state.groups.delete(group.groupName.toLowerCase());
  return null;
};
