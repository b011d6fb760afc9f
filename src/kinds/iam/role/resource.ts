// The canonical shape of a role in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "role".
import type { PolicyDocument, Tags } from "../../../model/types.js";

/**
 * IAM role (target account, service "iam", type "role").
 * Policies are normalised (see policy.ts): compare with JSON equality only.
 * `tags` includes the ownership tag orgctl:managed=true for managed roles.
 * The path cannot change in IAM: a path change is a `replace` (delete then create).
 */
export interface RoleResource {
  name: string;
  /** e.g. "/" or "/automation/". */
  path: string;
  /** "" when the role has no description. */
  description: string;
  assumeRolePolicy: PolicyDocument;
  /** Inline policy name → normalised document. */
  inlinePolicies: Record<string, PolicyDocument>;
  /** Attached managed policy ARNs, sorted. */
  managedPolicies: string[];
  /** Seconds, 3600–43200. */
  maxSessionDuration: number;
  tags: Tags;
  /** The permissions boundary's policy ARN; absent when the role has none. */
  permissionsBoundary?: string;
  /**
   * The instance profile orgctl keeps the role in (declared on the role); absent when none
   * is declared. Profiles made by others are not orgctl's: they only block deleting the role.
   */
  instanceProfile?: { name: string; path: string };
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    role: RoleResource;
  }
}
