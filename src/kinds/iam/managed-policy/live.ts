// What the managed-policy family reads in an account, and its part of the engine's LiveAccountState.
import type { PolicyDocument, Tags } from "../../../model/types.js";

export interface LiveManagedPolicy {
  name: string;
  path: string;
  arn: string;
  description?: string;
  /** The default version's document, decoded and parsed. */
  document: PolicyDocument;
  tags: Tags;
  /** Roles, users and groups it is attached to: IAM refuses to delete it while any remain. */
  attachmentCount: number;
}

declare module "../../../engine/types.js" {
  interface LiveAccountState {
    /** Customer managed policies by name. */
    managedPolicies?: Record<string, LiveManagedPolicy>;
  }
}
