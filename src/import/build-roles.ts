// roles.yaml entries from live roles. Roles with the same definition in several
// accounts become one entry listing those accounts.
import { canonicalJson } from "../engine/canonical.js";
import type { LiveRole } from "../kinds/iam/live.js";
import { OWNERSHIP_TAG_KEY, OWNERSHIP_TAG_VALUE, type TrustSpec } from "../model/types.js";
import { DEFAULT_MAX_SESSION_DURATION } from "../config/build-roles.js";
import type { AccountKeys } from "./accounts.js";
import { withGrants, withoutGrants, type GrantsRead } from "./grants.js";
import { instanceProfileYaml } from "./instance-profiles.js";
import { shortPolicyName } from "./policy-names.js";
import { recognizeTrust } from "./trust-sugar.js";

/** Roles AWS creates and owns: their trust and policies cannot be changed. */
const AWS_OWNED_PATHS = ["/aws-service-role/", "/aws-reserved/"];

export interface RoleSelection {
  /** Never imported: orgctl's own way into each account. */
  accessRole: string;
  /** Never imported either: the role import runs as (the plan refuses to touch it). */
  caller?: { accountId: string; name: string };
  matches: (name: string) => boolean;
}

type RoleEntry = Record<string, unknown> & { name: string; in: { accounts: string[] } };

export function isImportable(role: LiveRole, accountId: string, sel: RoleSelection): boolean {
  const isCaller = sel.caller?.accountId === accountId && sel.caller.name === role.name;
  return role.name !== sel.accessRole && !isCaller && !AWS_OWNED_PATHS.some((p) => role.path.startsWith(p)) && sel.matches(role.name);
}

/** `grants`: who holds orgctl's grants policy on which role (roles and groups of every account read). */
export function roleEntries(accounts: { key: string; roles: LiveRole[] }[], keys: AccountKeys, grants: GrantsRead): RoleEntry[] {
  const grouped = new Map<string, RoleEntry>();
  for (const { key, roles } of accounts) {
    for (const role of roles) {
      const body = roleBody(role, keys, (trust) => withGrants(grants, key, role.name, trust, role.assumeRolePolicy, keys));
      const id = canonicalJson(body);
      const existing = grouped.get(id);
      if (existing) existing.in.accounts.push(key);
      else grouped.set(id, { name: role.name, in: { accounts: [key] }, ...body });
    }
  }
  return [...grouped.values()].sort((a, b) => a.name.localeCompare(b.name) || a.in.accounts[0]!.localeCompare(b.in.accounts[0]!));
}

function roleBody(role: LiveRole, keys: AccountKeys, granted: (trust: TrustSpec) => TrustSpec): Record<string, unknown> {
  const recognized = recognizeTrust(role.assumeRolePolicy, keys);
  const trust = recognized && granted(recognized);
  const inlinePolicies = withoutGrants(role.inlinePolicies);
  const tags = Object.fromEntries(Object.entries(role.tags).filter(([k]) => k !== OWNERSHIP_TAG_KEY));
  const managed = role.tags[OWNERSHIP_TAG_KEY] === OWNERSHIP_TAG_VALUE;
  return {
    ...(role.path !== "/" ? { path: role.path } : {}),
    ...(role.description ? { description: role.description } : {}),
    ...(trust ? { trust: trustYaml(trust) } : { assumeRolePolicy: role.assumeRolePolicy }),
    ...(Object.keys(inlinePolicies).length > 0 ? { inlinePolicies } : {}),
    ...(role.managedPolicies.length > 0 ? { managedPolicies: role.managedPolicies.map(shortPolicyName) } : {}),
    ...(role.permissionsBoundary !== undefined ? { permissionsBoundary: shortPolicyName(role.permissionsBoundary) } : {}),
    ...instanceProfileYaml(role),
    ...(role.maxSessionDuration !== DEFAULT_MAX_SESSION_DURATION ? { maxSessionDuration: role.maxSessionDuration } : {}),
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    // Taking over an existing role is an explicit step the plan shows (an adopt change).
    ...(managed ? {} : { adopt: true }),
  };
}

function trustYaml(t: TrustSpec): Record<string, unknown> {
  return {
    ...(t.accounts.length > 0 ? { accounts: t.accounts } : {}),
    ...(t.roles.length > 0 ? { roles: t.roles } : {}),
    ...((t.groups ?? []).length > 0 ? { groups: t.groups } : {}),
    ...(t.services.length > 0 ? { services: t.services } : {}),
    ...(t.requireMfa ? { requireMfa: true } : {}),
    ...(t.externalId !== undefined ? { externalId: t.externalId } : {}),
    ...(t.grant ? { grant: true } : {}),
  };
}
