import type { RoleSpec } from "../model/types.js";
import type { Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { locateLater } from "./locate.js";
import type { Entry } from "./merge.js";
import type { Origins } from "./origins.js";
import { readInlinePolicies } from "./policy-files.js";
import { child } from "./source.js";

export const DEFAULT_MAX_SESSION_DURATION = 3600;

export async function buildRole(entry: Entry, root: Root, origins: Origins, diags: Diagnostics): Promise<RoleSpec> {
  const v = entry.value;
  const inlinePolicies = await readInlinePolicies(v.inlinePolicies ?? {}, child(entry.at, "inlinePolicies"), root, diags);
  const role: RoleSpec = {
    name: v.name,
    path: v.path ?? "/",
    ...(v.description !== undefined ? { description: v.description } : {}),
    targets: { accounts: v.in.accounts ?? [], units: v.in.units ?? [], tags: v.in.tags ?? {} },
    ...(v.trust
      ? {
          trust: {
            accounts: v.trust.accounts ?? [],
            roles: v.trust.roles ?? [],
            services: v.trust.services ?? [],
            requireMfa: v.trust.requireMfa ?? false,
            ...(v.trust.externalId !== undefined ? { externalId: v.trust.externalId } : {}),
            ...(v.trust.groups !== undefined ? { groups: v.trust.groups } : {}),
            ...(v.trust.grant !== undefined ? { grant: v.trust.grant } : {}),
            ...(v.trust.github !== undefined
              ? { github: { repository: v.trust.github.repository, branches: v.trust.github.branches ?? [], environments: v.trust.github.environments ?? [] } }
              : {}),
          },
        }
      : {}),
    ...(v.assumeRolePolicy ? { assumeRolePolicy: v.assumeRolePolicy } : {}),
    inlinePolicies,
    // Names are resolved once every policy the state declares is known (see policy-names.ts).
    managedPolicies: v.managedPolicies ?? [],
    ...(v.permissionsBoundary !== undefined ? { permissionsBoundary: v.permissionsBoundary } : {}),
    ...(v.instanceProfile !== undefined
      ? { instanceProfile: v.instanceProfile === true ? { name: v.name, path: v.path ?? "/" } : { name: v.instanceProfile.name ?? v.name, path: v.instanceProfile.path ?? v.path ?? "/" } }
      : {}),
    maxSessionDuration: v.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    tags: v.tags ?? {},
    adopt: v.adopt ?? false,
    loc: locateLater(entry.at),
  };
  origins.set(role, entry.at);
  return role;
}
