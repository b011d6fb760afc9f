// What the IAM family reads of an account's groups and users (for membership).
import type { PolicyDocument } from "../../../model/types.js";

export interface LiveGroup {
  name: string;
  path: string;
  arn: string;
  inlinePolicies: Record<string, PolicyDocument>;
  managedPolicies: string[];
  members: string[];
}

declare module "../../../engine/types.js" {
  interface LiveAccountState {
    /** Groups by name; read when the desired state declares any. */
    groups?: Record<string, LiveGroup>;
    /** Names of the account's IAM users (members must exist); read with the groups. */
    users?: string[];
  }
}
