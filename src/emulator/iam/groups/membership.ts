// Group membership of existing users: AddUserToGroup (idempotent), RemoveUserFromGroup and
// ListGroupsForUser. A user is in at most 10 groups (IAM quota, not adjustable).
import { AwsError } from "../../types.js";
import { members, required } from "../../protocol/query.js";
import type { IamHandler } from "../call.js";
import { limitExceeded } from "../errors.js";
import { paginate } from "../pagination.js";
import { requireUser } from "../users/lookup.js";
import { groupsOfUser, requireGroup } from "./records.js";
import { groupXml } from "./xml.js";

const GROUPS_PER_USER_QUOTA = 10;

export const addUserToGroup: IamHandler = (call) => {
  const group = requireGroup(call, required(call.params, "GroupName"));
  const user = requireUser(call, required(call.params, "UserName"));
  if (group.members.includes(user)) return null;
  if (groupsOfUser(call.state, user).length >= GROUPS_PER_USER_QUOTA)
    throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER_QUOTA}`);
  group.members.push(user);
  return null;
};

export const removeUserFromGroup: IamHandler = (call) => {
  const group = requireGroup(call, required(call.params, "GroupName"));
  const user = requireUser(call, required(call.params, "UserName"));
  if (!group.members.includes(user))
    throw new AwsError("NoSuchEntity", `The user with name ${user.userName} cannot be found in group ${group.groupName}.`, 404);
  group.members = group.members.filter((u) => u !== user);
  return null;
};

export const listGroupsForUser: IamHandler = (call) => {
  const user = requireUser(call, required(call.params, "UserName"));
  const page = paginate(groupsOfUser(call.state, user), (g) => g.groupName.toLowerCase(), call.params);
  return members("Groups", page.items, groupXml) + page.xml;
};
