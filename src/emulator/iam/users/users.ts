// User operations: CreateUser, GetUser, ListUsers, DeleteUser.
import { members, required } from "../../protocol/query.js";
import { compareKeys, type IamHandler } from "../call.js";
import { Constraints } from "../constraints.js";
import { deleteConflict, entityExists } from "../errors.js";
import { groupsOfUser } from "../groups/records.js";
import { paginate } from "../pagination.js";
import { readTags } from "../tags.js";
import { requireUser, userOrCaller } from "./lookup.js";
import { putUser } from "./records.js";
import { userXml } from "./xml.js";

export const createUser: IamHandler = (call) => {
  const { params, world, accountId, state } = call;
  const userName = required(params, "UserName");
  const path = params.get("Path") ?? "/";
  new Constraints().name("userName", userName, 64).path("path", path).check();
  const tags = readTags(params);
  if (state.users.has(userName.toLowerCase())) throw entityExists(`User with name ${userName} already exists.`);
  return `<User>${userXml(putUser(world, accountId, { userName, path, tags }), true)}</User>`;
};

export const getUser: IamHandler = (call) => `<User>${userXml(userOrCaller(call), true)}</User>`;

export const listUsers: IamHandler = (call) => {
  const prefix = call.params.get("PathPrefix") || "/";
  const users = [...call.state.users.values()].filter((u) => u.path.startsWith(prefix)).sort((a, b) => compareKeys(a.userName.toLowerCase(), b.userName.toLowerCase()));
  const page = paginate(users, (u) => u.userName.toLowerCase(), call.params);
  return members("Users", page.items, (u) => userXml(u, false)) + page.xml;
};

/** AWS refuses while the user still has access keys, inline policies, attached policies or groups. */
export const deleteUser: IamHandler = (call) => {
  const user = requireUser(call, required(call.params, "UserName"));
  if (user.accessKeys.length > 0) throw deleteConflict("Cannot delete entity, must delete access keys first.");
  if (user.inlinePolicies.size > 0) throw deleteConflict("Cannot delete entity, must delete policies first.");
  if (user.attachedPolicies.length > 0) throw deleteConflict("Cannot delete entity, must detach all policies first.");
  if (groupsOfUser(call.state, user).length > 0) throw deleteConflict("Cannot delete entity, must remove users from group first.");
  call.state.users.delete(user.userName.toLowerCase());
  return null;
};
