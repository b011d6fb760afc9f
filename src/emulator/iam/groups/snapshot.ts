// The groups of one account in `Snapshot.iam`: seeded after users and policies (a group
// names its members and attaches policies), dumped with members by user name.
import type { World } from "../../types.js";
import type { GroupSeed } from "../snapshot-shape.js";
import type { IamState } from "../state.js";
import { findUser } from "../users/records.js";
import { putGroup } from "./records.js";

const text = (doc: string | Record<string, unknown>) => (typeof doc === "string" ? doc : JSON.stringify(doc));

export function seedGroups(world: World, accountId: string, seeds: GroupSeed[]): void {
  for (const s of seeds) {
    const group = putGroup(world, accountId, { groupName: s.GroupName, path: s.Path, managedPolicyArns: s.ManagedPolicyArns });
    for (const [name, doc] of Object.entries(s.InlinePolicies ?? {})) group.inlinePolicies.set(name, text(doc));
    for (const userName of s.Users ?? []) {
      const user = findUser(world, accountId, userName);
      if (!user) throw new Error(`snapshot: group ${s.GroupName} names user ${userName}, which account ${accountId} does not have`);
      group.members.push(user);
    }
  }
}

export function dumpGroups(state: IamState): GroupSeed[] {
  return [...state.groups.values()]
    .sort((a, b) => a.groupName.localeCompare(b.groupName))
    .map((g) => ({
      GroupName: g.groupName,
      Path: g.path,
      ...(g.inlinePolicies.size > 0 && { InlinePolicies: Object.fromEntries(g.inlinePolicies) }),
      ...(g.attachedPolicies.length > 0 && { ManagedPolicyArns: [...g.attachedPolicies] }),
      ...(g.members.length > 0 && { Users: g.members.map((u) => u.userName) }),
    }));
}
