// What differs between two roles, in words a reviewer reads ("detach X", "trust policy"),
// and whether the change can take access away.
import { canonicalJson } from "./canonical.js";
import { policyNarrows } from "./policy-narrowing.js";
import type { RoleResource } from "./resources.js";

export interface RoleDelta {
  parts: string[];
  destructive: boolean;
}

export function compareRoles(before: RoleResource, after: RoleResource): RoleDelta {
  const parts: string[] = [];
  let destructive = false;
  if (canonicalJson(before.assumeRolePolicy) !== canonicalJson(after.assumeRolePolicy)) {
    parts.push("trust policy");
    destructive ||= policyNarrows(before.assumeRolePolicy, after.assumeRolePolicy);
  }
  const names = [...new Set([...Object.keys(before.inlinePolicies), ...Object.keys(after.inlinePolicies)])].sort();
  for (const name of names) {
    const b = before.inlinePolicies[name];
    const a = after.inlinePolicies[name];
    if (!a) {
      parts.push(`inline policy ${name} (remove)`);
      destructive = true;
    } else if (!b) parts.push(`inline policy ${name} (add)`);
    else if (canonicalJson(a) !== canonicalJson(b)) {
      parts.push(`inline policy ${name}`);
      destructive ||= policyNarrows(b, a);
    }
  }
  for (const arn of after.managedPolicies) if (!before.managedPolicies.includes(arn)) parts.push(`attach ${arn}`);
  for (const arn of before.managedPolicies) {
    if (!after.managedPolicies.includes(arn)) {
      parts.push(`detach ${arn}`);
      destructive = true;
    }
  }
  if (before.description !== after.description) parts.push("description");
  if (before.maxSessionDuration !== after.maxSessionDuration) parts.push("maxSessionDuration");
  if (canonicalJson(before.tags) !== canonicalJson(after.tags)) parts.push("tags");
  return { parts, destructive };
}
