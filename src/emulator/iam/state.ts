// IAM state of one account, and the entry points other emulator services use
// (STS looks roles up for trust evaluation; Organizations creates the access role).
import type { World } from "../types.js";

export interface RoleRecord {
  roleName: string;
  /** AROA + 17 upper-case alphanumerics. */
  roleId: string;
  path: string;
  arn: string;
  /** The policy text exactly as the caller sent it (AWS returns it URL-encoded). */
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  createDate: Date;
  tags: { Key: string; Value: string }[];
  /** Inline policies by name → document text as sent. */
  inlinePolicies: Map<string, string>;
  /** Attached managed policy ARNs, in attach order. */
  attachedPolicies: string[];
  /** The managed policy ARN set as the role's permissions boundary. */
  permissionsBoundary?: string;
}

export interface ManagedPolicyRecord {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  defaultVersionId: string;
  /** Version id → document text. */
  versions: Map<string, { document: string; createDate: Date }>;
  createDate: Date;
  updateDate: Date;
  tags: { Key: string; Value: string }[];
}

export interface AccessKeyMeta {
  accessKeyId: string;
  status: "Active" | "Inactive";
  createDate: Date;
}

export interface UserRecord {
  userName: string;
  /** AIDA + 17 upper-case alphanumerics. */
  userId: string;
  path: string;
  arn: string;
  createDate: Date;
  tags: { Key: string; Value: string }[];
  /** Inline policies by name → document text as sent. */
  inlinePolicies: Map<string, string>;
  /** Attached managed policy ARNs, in attach order. */
  attachedPolicies: string[];
  /** The user's access keys; their secrets live in the world's credential store. */
  accessKeys: AccessKeyMeta[];
}

export interface InstanceProfileRecord {
  instanceProfileName: string;
  /** AIPA + 17 upper-case alphanumerics. */
  instanceProfileId: string;
  path: string;
  arn: string;
  createDate: Date;
  tags: { Key: string; Value: string }[];
  /** At most one role (InstanceSessionsPerInstanceProfile is 1 and cannot be raised). */
  roles: RoleRecord[];
}

export interface GroupRecord {
  groupName: string;
  /** AGPA + 17 upper-case alphanumerics. */
  groupId: string;
  path: string;
  arn: string;
  createDate: Date;
  /** Inline policies by name → document text as sent. */
  inlinePolicies: Map<string, string>;
  /** Attached managed policy ARNs, in attach order. */
  attachedPolicies: string[];
  /** Member users, in the order they were added (records, so a rename of the key cannot lose them). */
  members: UserRecord[];
}

export interface OidcProviderRecord {
  /** The URL as given (https://host/path). */
  url: string;
  arn: string;
  createDate: Date;
  clientIds: string[];
  thumbprints: string[];
  tags: { Key: string; Value: string }[];
}

export interface IamState {
  /** By user name, lower-cased (IAM user names are unique case-insensitively). */
  users: Map<string, UserRecord>;
  /** By role name; IAM role names are unique case-insensitively, so the key is lower-cased. */
  roles: Map<string, RoleRecord>;
  /** Customer managed policies by ARN. */
  policies: Map<string, ManagedPolicyRecord>;
  /** By instance profile name, lower-cased (unique case-insensitively, like roles). */
  instanceProfiles: Map<string, InstanceProfileRecord>;
  /** By group name, lower-cased (unique case-insensitively). */
  groups: Map<string, GroupRecord>;
  /** OpenID Connect providers by ARN (the host and path of their URL make it unique). */
  oidcProviders: Map<string, OidcProviderRecord>;
}

export function iamState(world: World, accountId: string): IamState {
  const account = world.ensureAccount(accountId);
  let state = account.slots.get("iam") as IamState | undefined;
  if (!state) {
    state = { users: new Map(), roles: new Map(), policies: new Map(), instanceProfiles: new Map(), groups: new Map(), oidcProviders: new Map() };
    account.slots.set("iam", state);
  }
  return state;
}

export function findRole(world: World, accountId: string, roleName: string): RoleRecord | undefined {
  if (!world.accounts.has(accountId)) return undefined;
  return iamState(world, accountId).roles.get(roleName.toLowerCase());
}

/** Resolves arn:aws:iam::<account>:role/<path/><name> to the live role, if any. */
export function findRoleByArn(world: World, arn: string): RoleRecord | undefined {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (!m) return undefined;
  const role = findRole(world, m[1]!, m[2]!);
  return role && role.arn === arn ? role : undefined;
}

export interface PutRoleInput {
  roleName: string;
  path?: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration?: number;
  managedPolicyArns?: string[];
  tags?: { Key: string; Value: string }[];
  permissionsBoundary?: string;
}

/** Creates a role without API validation: for seeding and for Organizations' CreateAccount. */
export function putRole(world: World, accountId: string, input: PutRoleInput): RoleRecord {
  const path = input.path ?? "/";
  const record: RoleRecord = {
    roleName: input.roleName,
    roleId: world.newId("AROA", 17),
    path,
    arn: `arn:aws:iam::${accountId}:role${path}${input.roleName}`,
    assumeRolePolicyDocument: input.assumeRolePolicyDocument,
    description: input.description,
    maxSessionDuration: input.maxSessionDuration ?? 3600,
    createDate: new Date(world.clock.wallNow()),
    tags: input.tags ?? [],
    inlinePolicies: new Map(),
    attachedPolicies: [...(input.managedPolicyArns ?? [])],
    ...(input.permissionsBoundary !== undefined ? { permissionsBoundary: input.permissionsBoundary } : {}),
  };
  iamState(world, accountId).roles.set(input.roleName.toLowerCase(), record);
  return record;
}

export interface PutManagedPolicyInput {
  policyName: string;
  path?: string;
  document: string;
  description?: string;
  tags?: { Key: string; Value: string }[];
}

/** Creates a customer managed policy (version v1) without API validation: for seeding. */
export function putManagedPolicy(world: World, accountId: string, input: PutManagedPolicyInput): ManagedPolicyRecord {
  const path = input.path ?? "/";
  const now = new Date(world.clock.wallNow());
  const record: ManagedPolicyRecord = {
    policyName: input.policyName,
    policyId: world.newId("ANPA", 17),
    arn: `arn:aws:iam::${accountId}:policy${path}${input.policyName}`,
    path,
    description: input.description,
    defaultVersionId: "v1",
    versions: new Map([["v1", { document: input.document, createDate: now }]]),
    createDate: now,
    updateDate: now,
    tags: input.tags ?? [],
  };
  iamState(world, accountId).policies.set(record.arn, record);
  return record;
}
