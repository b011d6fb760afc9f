// What the IAM family reads in an account, and its part of the engine's LiveAccountState.
import type { PolicyDocument, Tags } from "../../model/types.js";

export interface LiveRole {
  name: string;
  path: string;
  arn: string;
  description?: string;
  /** Decoded and parsed (AWS returns it URL-encoded). */
  assumeRolePolicy: PolicyDocument;
  inlinePolicies: Record<string, PolicyDocument>;
  managedPolicies: string[];
  maxSessionDuration: number;
  tags: Tags;
  /** Names of the instance profiles that contain the role: IAM refuses to delete it while any do. */
  instanceProfiles: string[];
}

declare module "../../engine/types.js" {
  interface LiveAccountState {
    /** Roles by name. */
    roles?: Record<string, LiveRole>;
  }
  interface LiveState {
    /** AWS managed policy ARNs the desired state attaches that IAM does not have (when checked). */
    unknownManagedPolicies?: string[];
  }
}
