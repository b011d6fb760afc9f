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
  /** Paths of those profiles by name, when the role is in any. */
  instanceProfilePaths?: Record<string, string>;
  /** Tags of those profiles by name (read for roles the YAML names): orgctl's own carry its ownership tag. */
  instanceProfileTags?: Record<string, Tags>;
  /** The permissions boundary's policy ARN, when the role has one. */
  permissionsBoundary?: string;
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
