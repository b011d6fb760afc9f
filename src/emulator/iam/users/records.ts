// IAM users as the rest of the emulator sees them: creating one (API, seed), the principal
// its access keys sign as, and registering a key in the world's credential store, so a
// user's key authenticates as that user and GetCallerIdentity returns its ARN.
import type { CredentialRecord, Principal, World } from "../../types.js";
import { iamState, type UserRecord } from "../state.js";

export interface PutUserInput {
  userName: string;
  path?: string;
  tags?: { Key: string; Value: string }[];
  managedPolicyArns?: string[];
}

/** Creates a user without API validation: for CreateUser (after its checks) and seeding. */
export function putUser(world: World, accountId: string, input: PutUserInput): UserRecord {
  const path = input.path ?? "/";
  const user: UserRecord = {
    userName: input.userName,
    userId: world.newId("AIDA", 17),
    path,
    arn: `arn:aws:iam::${accountId}:user${path}${input.userName}`,
    createDate: new Date(world.clock.wallNow()),
    tags: input.tags ?? [],
    inlinePolicies: new Map(),
    attachedPolicies: [...(input.managedPolicyArns ?? [])],
    accessKeys: [],
  };
  iamState(world, accountId).users.set(input.userName.toLowerCase(), user);
  return user;
}

export function findUser(world: World, accountId: string, userName: string): UserRecord | undefined {
  if (!world.accounts.has(accountId)) return undefined;
  return iamState(world, accountId).users.get(userName.toLowerCase());
}

export function userPrincipal(accountId: string, user: UserRecord): Principal {
  return { accountId, arn: user.arn, type: "user", userId: user.userId, mfaPresent: false };
}

/** Makes a long-term key of the user valid (a key id already in use is replaced). */
export function registerAccessKey(
  world: World,
  accountId: string,
  user: UserRecord,
  key: { accessKeyId: string; secretAccessKey: string },
): CredentialRecord {
  const record: CredentialRecord = { ...key, principal: userPrincipal(accountId, user) };
  world.credentials.set(key.accessKeyId, record);
  if (!user.accessKeys.some((k) => k.accessKeyId === key.accessKeyId)) {
    user.accessKeys.push({ accessKeyId: key.accessKeyId, status: "Active", createDate: new Date(world.clock.wallNow()) });
  }
  return record;
}

/** The IAM user a principal is, if it is one (for evaluating the user's own policies). */
export function userOfPrincipal(world: World, principal: Principal): UserRecord | undefined {
  if (principal.type !== "user") return undefined;
  const name = principal.arn.slice(principal.arn.lastIndexOf("/") + 1);
  const user = findUser(world, principal.accountId, name);
  return user?.userId === principal.userId ? user : undefined;
}
