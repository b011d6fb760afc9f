// What changed in the policies of an IAM identity (a role or a group): inline policies added,
// edited or removed, managed policies attached or detached. Taking permissions away is
// destructive: a removed inline policy, a detach, an edit that narrows what is allowed.
import { canonicalJson } from "../../engine/canonical.js";
import { policyNarrows } from "../../engine/policy-narrowing.js";
import type { ChangedPart } from "../../engine/reasons.js";
import type { PolicyDocument } from "../../model/types.js";

export interface IdentityPolicies {
  inlinePolicies: Record<string, PolicyDocument>;
  managedPolicies: string[];
}

/**
 * Live inline policies keyed by the desired spelling where a name matches ignoring case: IAM
 * inline policy names ignore case, so a put of `foo` replaces a live `Foo` (keeping that
 * spelling), and deleting `Foo` as "not desired" afterwards would delete what was just put.
 */
export function spelledAs<T>(live: Record<string, T>, desired: Record<string, unknown>): Record<string, T> {
  const declared = new Map(Object.keys(desired).map((name) => [name.toLowerCase(), name]));
  return Object.fromEntries(Object.entries(live).map(([name, doc]) => [declared.get(name.toLowerCase()) ?? name, doc]));
}

export function policyParts(before: IdentityPolicies, after: IdentityPolicies): { parts: ChangedPart[]; destructive: boolean } {
  const parts: ChangedPart[] = [];
  let destructive = false;
  for (const name of [...new Set([...Object.keys(before.inlinePolicies), ...Object.keys(after.inlinePolicies)])].sort()) {
    const [b, a] = [before.inlinePolicies[name], after.inlinePolicies[name]];
    if (!a) {
      parts.push({ kind: "inline-policy", name, change: "remove" });
      destructive = true;
    } else if (!b) parts.push({ kind: "inline-policy", name, change: "add" });
    else if (canonicalJson(a) !== canonicalJson(b)) {
      parts.push({ kind: "inline-policy", name, change: "edit" });
      destructive ||= policyNarrows(b, a);
    }
  }
  for (const arn of after.managedPolicies) if (!before.managedPolicies.includes(arn)) parts.push({ kind: "attach", arn });
  for (const arn of before.managedPolicies) {
    if (!after.managedPolicies.includes(arn)) {
      parts.push({ kind: "detach", arn });
      destructive = true;
    }
  }
  return { parts, destructive };
}
