// Desired and live roles in the canonical RoleResource shape, so they compare as JSON.
import { ownedTags } from "../../../model/ownership.js";
import type { PolicyDocument, RoleSpec } from "../../../model/types.js";
import { normalizePolicy } from "../../../engine/policy.js";
import type { RoleResource } from "./resource.js";
import { trustPolicy, type RolePath } from "../../../model/trust.js";
import type { LiveRole } from "../live.js";

/**
 * `accountId` maps an account key or id to the id, or to a placeholder for an account not
 * created yet; `rolePath` gives the path of a role the trust names; `self` is the id of the
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
  };
}

export function liveRole(role: LiveRole): RoleResource {
  return {
    name: role.name,
    path: role.path,
    description: role.description ?? "",
    assumeRolePolicy: normalizePolicy(role.assumeRolePolicy),
    inlinePolicies: normalizeAll(role.inlinePolicies),
    managedPolicies: [...new Set(role.managedPolicies)].sort(),
    maxSessionDuration: role.maxSessionDuration,
    tags: role.tags,
  };
}

function normalizeAll(policies: Record<string, PolicyDocument>): Record<string, PolicyDocument> {
  return Object.fromEntries(Object.entries(policies).map(([name, doc]) => [name, normalizePolicy(doc)]));
}
