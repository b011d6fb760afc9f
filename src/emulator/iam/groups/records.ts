// IAM groups as the rest of the emulator sees them: creating one (API, seed), finding one by
// name (case-insensitively, as IAM names compare), and which groups hold a user.
import { AwsError } from "../../types.js";
import type { IamCall } from "../call.js";
import { Constraints } from "../constraints.js";
import { iamState, type GroupRecord, type IamState, type UserRecord } from "../state.js";
import type { World } from "../../types.js";

export type { GroupRecord } from "../state.js";

export const noSuchGroup = (name: string) => new AwsError("NoSuchEntity", `The group with name ${name} cannot be found.`, 404);

export interface PutGroupInput {
  groupName: string;
  path?: string;
  managedPolicyArns?: string[];
}

/** Creates a group without API validation: for CreateGroup (after its checks) and seeding. */
export function putGroup(world: World, accountId: string, input: PutGroupInput): GroupRecord {
  const path = input.path ?? "/";
  const group: GroupRecord = {
    groupName: input.groupName,
    groupId: world.newId("AGPA", 17),
    path,
    arn: `arn:aws:iam::${accountId}:group${path}${input.groupName}`,
    createDate: new Date(world.clock.wallNow()),
    inlinePolicies: new Map(),
    attachedPolicies: [...(input.managedPolicyArns ?? [])],
    members: [],
  };
  iamState(world, accountId).groups.set(input.groupName.toLowerCase(), group);
  return group;
}

/** Checks the name against groupNameType first, so a name no group can have is a ValidationError. */
export function requireGroup(call: IamCall, groupName: string): GroupRecord {
  new Constraints().name("groupName", groupName, 128).check();
  const group = call.state.groups.get(groupName.toLowerCase());
  if (!group) throw noSuchGroup(groupName);
  return group;
}

export function findGroup(world: World, accountId: string, groupName: string): GroupRecord | undefined {
  if (!world.accounts.has(accountId)) return undefined;
  return iamState(world, accountId).groups.get(groupName.toLowerCase());
}

/** The groups a user belongs to, by name (lower-cased, as IAM sorts them). */
export function groupsOfUser(state: IamState, user: UserRecord): GroupRecord[] {
  return [...state.groups.values()]
    .filter((g) => g.members.includes(user))
    .sort((a, b) => (a.groupName.toLowerCase() < b.groupName.toLowerCase() ? -1 : 1));
}
