// The instance profiles of one account in `Snapshot.iam`: seeded after the roles they
// hold, and dumped with their role by name.
import type { World } from "../types.js";
import { putInstanceProfile } from "./instance-profile-state.js";
import { iamState, type IamState } from "./state.js";
import type { InstanceProfileSeed } from "./snapshot-shape.js";

export type { InstanceProfileSeed } from "./snapshot-shape.js";

export function seedInstanceProfiles(world: World, accountId: string, seeds: InstanceProfileSeed[]): void {
  const roles = iamState(world, accountId).roles;
  for (const s of seeds) {
    const held = (s.Roles ?? []).map((name) => {
      const role = roles.get(name.toLowerCase());
      if (!role) throw new Error(`snapshot: instance profile ${s.InstanceProfileName} names role ${name}, which account ${accountId} does not have`);
      return role;
    });
    putInstanceProfile(world, accountId, { instanceProfileName: s.InstanceProfileName, path: s.Path, tags: s.Tags, roles: held });
  }
}

export function dumpInstanceProfiles(state: IamState): InstanceProfileSeed[] {
  return [...state.instanceProfiles.values()]
    .sort((a, b) => a.instanceProfileName.localeCompare(b.instanceProfileName))
    .map((p) => ({
      InstanceProfileName: p.instanceProfileName,
      Path: p.path,
      ...(p.tags.length > 0 && { Tags: p.tags }),
      ...(p.roles.length > 0 && { Roles: p.roles.map((r) => r.roleName) }),
    }));
}
