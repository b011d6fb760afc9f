// Desired and live groups in the canonical shape, so they compare as JSON. Member names
// compare as IAM compares them: the desired list takes the live spelling of each user.
import { normalizePolicy } from "../../../engine/policy.js";
import type { GroupSpec, PolicyDocument } from "../../../model/types.js";
import type { LiveGroup } from "./live.js";
import type { GroupResource } from "./resource.js";

const normalizeAll = (policies: Record<string, PolicyDocument>) => Object.fromEntries(Object.entries(policies).map(([n, d]) => [n, normalizePolicy(d)]));

export function desiredGroup(spec: GroupSpec, users: readonly string[]): GroupResource {
  const spelled = (name: string) => users.find((u) => u.toLowerCase() === name.toLowerCase()) ?? name;
  return {
    name: spec.name,
    path: spec.path,
    inlinePolicies: normalizeAll(spec.inlinePolicies),
    managedPolicies: [...new Set(spec.managedPolicies)].sort(),
    members: [...new Set(spec.members.map(spelled))].sort(),
  };
}

export function liveGroup(live: LiveGroup): GroupResource {
  return { name: live.name, path: live.path, inlinePolicies: normalizeAll(live.inlinePolicies), managedPolicies: [...live.managedPolicies].sort(), members: [...live.members].sort() };
}
