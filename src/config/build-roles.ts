import { managedPolicyArn } from "../model/managed-policies.js";
import type { PolicyDocument, RoleSpec } from "../model/types.js";
import type { Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { parseJson, readReferenced } from "./files.js";
import { locateLater } from "./locate.js";
import type { Entry } from "./merge.js";
import type { Origins } from "./origins.js";
import { child } from "./source.js";

export const DEFAULT_MAX_SESSION_DURATION = 3600;

export async function buildRole(entry: Entry, root: Root, origins: Origins, diags: Diagnostics): Promise<RoleSpec> {
  const v = entry.value;
  const inlinePolicies: Record<string, PolicyDocument> = {};
  for (const [name, doc] of Object.entries<Record<string, unknown>>(v.inlinePolicies ?? {})) {
    const at = child(entry.at, "inlinePolicies", name, "file");
    if (typeof doc.file === "string" && Object.keys(doc).length === 1) {
      const text = await readReferenced(at, doc.file, root, diags);
      const parsed = text === undefined ? undefined : parseJson(text, doc.file, at, diags);
      // A missing or broken file is already reported: leave the policy out rather than lint a stand-in.
      if (parsed !== undefined) inlinePolicies[name] = parsed as PolicyDocument;
    } else {
      inlinePolicies[name] = doc as PolicyDocument;
    }
  }
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
          },
        }
      : {}),
    ...(v.assumeRolePolicy ? { assumeRolePolicy: v.assumeRolePolicy } : {}),
    inlinePolicies,
    managedPolicies: (v.managedPolicies ?? []).map(managedPolicyArn),
    maxSessionDuration: v.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION,
    tags: v.tags ?? {},
    adopt: v.adopt ?? false,
    loc: locateLater(entry.at),
  };
  origins.set(role, entry.at);
  return role;
}
