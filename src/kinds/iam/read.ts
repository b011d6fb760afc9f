// Reads the IAM roles of one account with as few calls as possible:
// GetAccountAuthorizationDetails (Filter Role) returns trust, inline and attached
// policies and tags for up to 1,000 roles per call, instead of 4+ calls per role; it
// lacks Description and MaxSessionDuration, which ListRoles adds at the same page size.
// It also names the instance profiles holding each role, which block deleting it.
import {
  GetInstanceProfileCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListRoles,
  type IAMClient,
  type GroupDetail,
  type ManagedPolicyDetail,
  type UserDetail,
  type Role,
  type RoleDetail,
} from "@aws-sdk/client-iam";
import type { LiveRole } from "./live.js";
import { OWNERSHIP_TAG_KEY, type PolicyDocument, type Tags } from "../../model/types.js";

/** IAM's maximum MaxItems for both operations (the default is 100). */
const PAGE_SIZE = 1000;

/** IAM returns policy documents URL-encoded (RFC 3986). */
export function decodePolicy(encoded: string): PolicyDocument {
  return JSON.parse(decodeURIComponent(encoded)) as PolicyDocument;
}

function tagsOf(tags: { Key?: string; Value?: string }[] | undefined): Tags {
  const out: Tags = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? "";
  return out;
}

/**
 * Roles the desired state names in this account (`wanted`) plus every role carrying
 * the ownership tag (prune needs those), by role name; "all" reads every role (import).
 */
export async function readRoles(client: IAMClient, wanted: ReadonlySet<string> | "all"): Promise<Record<string, LiveRole>> {
  return rolesFrom((await authorizationDetails(client, { policies: false, groups: false })).roles, await roleSummaries(client), wanted);
}

/** What else to list besides roles. */
export interface IamExtras {
  policies: boolean;
  groups: boolean;
}

interface Details {
  roles: RoleDetail[];
  policies: ManagedPolicyDetail[];
  groups: GroupDetail[];
  users: UserDetail[];
}

/**
 * An account's roles and, as asked, its customer managed policies, groups and users, from
 * one GetAccountAuthorizationDetails listing (Filter Role, LocalManagedPolicy, Group, User).
 */
export async function readIamAccount(client: IAMClient, wanted: ReadonlySet<string> | "all", extras: IamExtras): Promise<{ roles: Record<string, LiveRole> } & Omit<Details, "roles">> {
  const [details, summaries] = await Promise.all([authorizationDetails(client, extras), roleSummaries(client)]);
  const roles = rolesFrom(details.roles, summaries, wanted);
  await addProfileTags(client, roles);
  return { ...details, roles };
}

/**
 * The listing does not say whose an instance profile is: GetInstanceProfile does (its
 * tags), once per profile of a role that is in any (few roles are).
 */
async function addProfileTags(client: IAMClient, roles: Record<string, LiveRole>): Promise<void> {
  for (const role of Object.values(roles)) {
    if (role.instanceProfiles.length === 0) continue;
    const tags: Record<string, Tags> = {};
    for (const name of role.instanceProfiles) {
      const got = await client.send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
      tags[name] = tagsOf(got.InstanceProfile?.Tags);
    }
    role.instanceProfileTags = tags;
  }
}

function rolesFrom(details: RoleDetail[], summaries: Map<string, Role>, wanted: ReadonlySet<string> | "all"): Record<string, LiveRole> {
  const roles: Record<string, LiveRole> = {};
  for (const d of details) {
    const name = d.RoleName!;
    const tags = tagsOf(d.Tags);
    if (wanted !== "all" && !wanted.has(name) && !(OWNERSHIP_TAG_KEY in tags)) continue;
    const summary = summaries.get(name);
    const inlinePolicies: Record<string, PolicyDocument> = {};
    for (const p of d.RolePolicyList ?? []) inlinePolicies[p.PolicyName!] = decodePolicy(p.PolicyDocument!);
    roles[name] = {
      name,
      path: d.Path ?? "/",
      arn: d.Arn!,
      ...(summary?.Description ? { description: summary.Description } : {}),
      assumeRolePolicy: decodePolicy(d.AssumeRolePolicyDocument!),
      inlinePolicies,
      managedPolicies: (d.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn!).sort(),
      maxSessionDuration: summary?.MaxSessionDuration ?? 3600,
      tags,
      instanceProfiles: (d.InstanceProfileList ?? []).map((p) => p.InstanceProfileName!).sort(),
      ...((d.InstanceProfileList ?? []).length > 0
        ? { instanceProfilePaths: Object.fromEntries((d.InstanceProfileList ?? []).map((p) => [p.InstanceProfileName!, p.Path ?? "/"])) }
        : {}),
      ...(d.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: d.PermissionsBoundary.PermissionsBoundaryArn } : {}),
    };
  }
  return roles;
}

async function authorizationDetails(client: IAMClient, extras: IamExtras): Promise<Details> {
  const out: Details = { roles: [], policies: [], groups: [], users: [] };
  const filter: ("Role" | "LocalManagedPolicy" | "Group" | "User")[] = ["Role", ...(extras.policies ? (["LocalManagedPolicy"] as const) : []), ...(extras.groups ? (["Group", "User"] as const) : [])];
  for await (const page of paginateGetAccountAuthorizationDetails({ client, pageSize: PAGE_SIZE }, { Filter: filter })) {
    out.roles.push(...(page.RoleDetailList ?? []));
    out.policies.push(...(page.Policies ?? []));
    out.groups.push(...(page.GroupDetailList ?? []));
    out.users.push(...(page.UserDetailList ?? []));
  }
  return out;
}

async function roleSummaries(client: IAMClient): Promise<Map<string, Role>> {
  const out = new Map<string, Role>();
  for await (const page of paginateListRoles({ client, pageSize: PAGE_SIZE }, {})) {
    for (const role of page.Roles ?? []) out.set(role.RoleName!, role);
  }
  return out;
}
