// Instance profiles of one account: the record, seeding without API checks, and the
// look-up DeleteRole and GetAccountAuthorizationDetails need (which profiles hold a role).
import type { World } from "../types.js";
import { iamState, type InstanceProfileRecord, type IamState, type RoleRecord } from "./state.js";

export type { InstanceProfileRecord } from "./state.js";

export interface PutInstanceProfileInput {
  instanceProfileName: string;
  path?: string;
  tags?: { Key: string; Value: string }[];
  roles?: RoleRecord[];
}

/** Creates an instance profile without API validation: for seeding and for CreateInstanceProfile. */
export function putInstanceProfile(world: World, accountId: string, input: PutInstanceProfileInput): InstanceProfileRecord {
  const path = input.path ?? "/";
  const record: InstanceProfileRecord = {
    instanceProfileName: input.instanceProfileName,
    instanceProfileId: world.newId("AIPA", 17),
    path,
    arn: `arn:aws:iam::${accountId}:instance-profile${path}${input.instanceProfileName}`,
    createDate: new Date(world.clock.now()),
    tags: input.tags ?? [],
    roles: [...(input.roles ?? [])],
  };
  iamState(world, accountId).instanceProfiles.set(input.instanceProfileName.toLowerCase(), record);
  return record;
}

/** The profiles that contain the role, by name (lower-cased, as IAM sorts them). */
export function profilesOfRole(state: IamState, role: RoleRecord): InstanceProfileRecord[] {
  return [...state.instanceProfiles.values()]
    .filter((p) => p.roles.includes(role))
    .sort((a, b) => (a.instanceProfileName.toLowerCase() < b.instanceProfileName.toLowerCase() ? -1 : 1));
}
