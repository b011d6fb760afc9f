// Desired and live roles in the canonical RoleResource shape, so they compare as JSON.
import { ownedTags } from "../../../model/ownership.js";
import { OWNERSHIP_TAG_KEY, type PolicyDocument, type RoleSpec } from "../../../model/types.js";
import { normalizePolicy } from "../../../engine/policy.js";
import type { RoleResource } from "./resource.js";
import { trustPolicy, type RolePath } from "../../../model/trust.js";
import type { LiveRole } from "../live.js";

/**
 * `accountId` maps an account key or id to the id, or to a placeholder for an account not
 * created yet; `rolePath` gives the path and declared name of a role the trust names; `self` is the id of the
 * role's own account (GitHub workflows come in through its OIDC provider).
 */
export function desiredRole(role: RoleSpec, accountId: (keyOrId: string) => string, rolePath: RolePath, owner: string, self?: string): RoleResource {
  const trust = normalizePolicy(role.trust ? trustPolicy(role.trust, accountId, rolePath, self) : (role.assumeRolePolicy ?? { Statement: [] }));
  return {
    name: role.name,
    path: role.path,
    description: role.description ?? "",
    assumeRolePolicy: trust,
    inlinePolicies: normalizeAll(role.inlinePolicies),
    managedPolicies: [...new Set(role.managedPolicies)].sort(),
    maxSessionDuration: role.maxSessionDuration,
    tags: ownedTags(role.tags, owner),
    ...(role.permissionsBoundary !== undefined ? { permissionsBoundary: role.permissionsBoundary } : {}),
    ...(role.instanceProfile !== undefined ? { instanceProfile: { ...role.instanceProfile } } : {}),
  };
}

/**
 * The live role in the canonical shape. The instance profile it shows is the one the YAML
 * declares for it (`profile`), or one orgctl made for it (its ownership tag names `owner`),
 * so a declaration removed from the YAML is seen; profiles made by others are not shown.
 */
export function liveRole(role: LiveRole, profile?: string, owner?: string): RoleResource {
  const declared = profile === undefined ? undefined : role.instanceProfiles.find((p) => p.toLowerCase() === profile.toLowerCase());
  const ours = owner === undefined ? undefined : role.instanceProfiles.find((p) => role.instanceProfileTags?.[p]?.[OWNERSHIP_TAG_KEY] === owner);
  const held = declared ?? ours;
  return {
    name: role.name,
    path: role.path,
    description: role.description ?? "",
    assumeRolePolicy: normalizePolicy(role.assumeRolePolicy),
    inlinePolicies: normalizeAll(role.inlinePolicies),
    managedPolicies: [...new Set(role.managedPolicies)].sort(),
    maxSessionDuration: role.maxSessionDuration,
    tags: role.tags,
    ...(role.permissionsBoundary !== undefined ? { permissionsBoundary: role.permissionsBoundary } : {}),
    ...(held !== undefined ? { instanceProfile: { name: held, path: role.instanceProfilePaths?.[held] ?? "/" } } : {}),
  };
}

function normalizeAll(policies: Record<string, PolicyDocument>): Record<string, PolicyDocument> {
  return Object.fromEntries(Object.entries(policies).map(([name, doc]) => [name, normalizePolicy(doc)]));
}
