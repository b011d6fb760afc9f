// What differs between two roles, in words a reviewer reads ("detach X", "trust policy"),
// and whether the change can take access away.
import { canonicalJson } from "./canonical.js";
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
    destructive ||= trustNarrows(before, after);
  }
  const names = [...new Set([...Object.keys(before.inlinePolicies), ...Object.keys(after.inlinePolicies)])].sort();
  for (const name of names) {
    const b = before.inlinePolicies[name];
    const a = after.inlinePolicies[name];
    if (!a) {
      parts.push(`inline policy ${name} (remove)`);
      destructive = true;
    } else if (!b) parts.push(`inline policy ${name} (add)`);
    else if (canonicalJson(a) !== canonicalJson(b)) parts.push(`inline policy ${name}`);
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

/** A principal that could assume the role before and cannot after, or a new condition. */
function trustNarrows(before: RoleResource, after: RoleResource): boolean {
  const principals = (r: RoleResource) => new Set(statements(r).flatMap((s) => principalStrings(s.Principal)));
  const conditions = (r: RoleResource) => new Set(statements(r).map((s) => canonicalJson(s.Condition ?? null)));
  const [pb, pa] = [principals(before), principals(after)];
  const [cb, ca] = [conditions(before), conditions(after)];
  return [...pb].some((p) => !pa.has(p)) || [...ca].some((c) => !cb.has(c));
}

function statements(role: RoleResource): Record<string, unknown>[] {
  const s = role.assumeRolePolicy.Statement;
  return Array.isArray(s) ? s : [s];
}

function principalStrings(principal: unknown): string[] {
  if (principal === null || typeof principal !== "object") return [String(principal)];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => `${kind}:${String(x)}`),
  );
}
