// IAM users: the principal the sandbox and the tests run as (a user in the management
// account, as a team's CI or an engineer would be), with their keys and policies.
import type { IamHandler } from "../call.js";
import { createAccessKey, deleteAccessKey, listAccessKeys } from "./access-keys.js";
import * as policies from "./policies.js";
import { createUser, deleteUser, getUser, listUsers } from "./users.js";

export const userOperations = {
  CreateUser: createUser,
  GetUser: getUser,
  ListUsers: listUsers,
  DeleteUser: deleteUser,
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  DeleteAccessKey: deleteAccessKey,
  AttachUserPolicy: policies.attachUserPolicy,
  DetachUserPolicy: policies.detachUserPolicy,
  ListAttachedUserPolicies: policies.listAttachedUserPolicies,
  PutUserPolicy: policies.putUserPolicy,
  GetUserPolicy: policies.getUserPolicy,
  DeleteUserPolicy: policies.deleteUserPolicy,
  ListUserPolicies: policies.listUserPolicies,
} satisfies Record<string, IamHandler>;
