// The canonical shape of a customer managed policy in a change's before/after, and its
// entry in the engine's ResourceByType.
import type { PolicyDocument, Tags } from "../../../model/types.js";

/**
 * Customer managed policy (target account, service "iam", type "managed-policy"). The
 * document is the default version's, normalised. IAM cannot change a policy's path or
 * description: a difference there is a conflict, never an update.
 */
export interface ManagedPolicyResource {
  name: string;
  path: string;
  /** "" when the policy has none. */
  description: string;
  document: PolicyDocument;
  tags: Tags;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    "managed-policy": ManagedPolicyResource;
  }
}
