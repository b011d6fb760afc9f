// Desired and live customer managed policies in the canonical shape, so they compare as JSON.
import { normalizePolicy } from "../../../engine/policy.js";
import { ownedTags } from "../../../model/ownership.js";
import type { PolicySpec } from "../../../model/types.js";
import type { LiveManagedPolicy } from "./live.js";
import type { ManagedPolicyResource } from "./resource.js";

export function desiredPolicy(spec: PolicySpec, owner: string): ManagedPolicyResource {
  return { name: spec.name, path: spec.path, description: spec.description ?? "", document: normalizePolicy(spec.document), tags: ownedTags(spec.tags, owner) };
}

export function livePolicy(live: LiveManagedPolicy): ManagedPolicyResource {
  return { name: live.name, path: live.path, description: live.description ?? "", document: normalizePolicy(live.document), tags: live.tags };
}
