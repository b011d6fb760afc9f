// IAM groups: how people in an account get permissions together (the landing-zone setup's
// administrator groups), with inline and managed policies and existing users as members.
import type { IamHandler } from "../call.js";
import { createGroup, deleteGroup, getGroup, listGroups, updateGroup } from "./groups.js";
import { addUserToGroup, listGroupsForUser, removeUserFromGroup } from "./membership.js";
import * as policies from "./policies.js";

export const groupOperations = {
  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  ListGroupsForUser: listGroupsForUser,
  AttachGroupPolicy: policies.attachGroupPolicy,
  DetachGroupPolicy: policies.detachGroupPolicy,
  ListAttachedGroupPolicies: policies.listAttachedGroupPolicies,
  PutGroupPolicy: policies.putGroupPolicy,
  GetGroupPolicy: policies.getGroupPolicy,
  DeleteGroupPolicy: policies.deleteGroupPolicy,
  ListGroupPolicies: policies.listGroupPolicies,
} satisfies Record<string, IamHandler>;
