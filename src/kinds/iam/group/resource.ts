// The canonical shape of an IAM group in a change's before/after, and its entry in the
// engine's ResourceByType.
import type { PolicyDocument } from "../../../model/types.js";

/**
 * IAM group (target account, service "iam", type "group"): its policies and which existing
 * users are in it. IAM groups carry no tags, so orgctl cannot mark one as its own: a declared
 * group is managed by name, and a group the YAML no longer declares is left alone.
 */
export interface GroupResource {
  name: string;
  path: string;
  /** Inline policy name → normalised document. */
  inlinePolicies: Record<string, PolicyDocument>;
  /** Attached managed policy ARNs, sorted. */
  managedPolicies: string[];
  /** User names, as IAM spells them, sorted. */
  members: string[];
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    group: GroupResource;
  }
}
