// What differs between two roles, as the parts a reviewer reads ("detach X", "trust policy"),
// and whether the change can take access away.
import type { ChangedPart } from "../../../engine/reasons.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { policyNarrows } from "../../../engine/policy-narrowing.js";
import { policyParts } from "../policy-parts.js";
import type { RoleResource } from "./resource.js";

export interface RoleDelta {
  parts: ChangedPart[];
  destructive: boolean;
}

export function compareRoles(before: RoleResource, after: RoleResource): RoleDelta {
  const parts: ChangedPart[] = [];
  let destructive = false;
  if (canonicalJson(before.assumeRolePolicy) !== canonicalJson(after.assumeRolePolicy)) {
    parts.push({ kind: "attribute", name: "trust policy" });
    destructive ||= policyNarrows(before.assumeRolePolicy, after.assumeRolePolicy);
  }
  const policies = policyParts(before, after);
  parts.push(...policies.parts);
  destructive ||= policies.destructive;
  if (before.permissionsBoundary !== after.permissionsBoundary) {
    // A boundary only ever limits: removing one or changing it may widen access, adding one narrows it.
    const what = after.permissionsBoundary === undefined ? "removed: may widen access" : before.permissionsBoundary === undefined ? "added: narrows access" : "changed: may widen access";
    parts.push({ kind: "attribute", name: `permissions boundary (${what})` });
    destructive = true;
  }
  if (canonicalJson(before.instanceProfile ?? null) !== canonicalJson(after.instanceProfile ?? null)) {
    parts.push({ kind: "attribute", name: after.instanceProfile ? `instance profile ${after.instanceProfile.name}` : `instance profile ${before.instanceProfile?.name ?? ""} (removed)` });
    destructive ||= before.instanceProfile !== undefined;
  }
  if (before.description !== after.description) parts.push({ kind: "attribute", name: "description" });
  if (before.maxSessionDuration !== after.maxSessionDuration) parts.push({ kind: "attribute", name: "maxSessionDuration" });
  if (canonicalJson(before.tags) !== canonicalJson(after.tags)) parts.push({ kind: "attribute", name: "tags" });
  return { parts, destructive };
}
