// The organization's policies as read from AWS (the management account): what the diff
// compares the desired state with. Content stays the text AWS returns; comparison is
// semantic (compare.ts).
import type { PolicyType } from "../../policy/org/types.js";
import type { Tags } from "../types.js";

export interface LiveOrgPolicy {
  id: string;
  arn: string;
  name: string;
  type: PolicyType;
  description: string;
  /** The document as AWS holds it; empty for AWS managed policies (not read). */
  content: string;
  awsManaged: boolean;
  /** Root, OU and account ids it is attached to. */
  targets: string[];
  tags: Tags;
}

export interface LiveOrgPolicies {
  rootId: string;
  /** Types enabled (status ENABLED) on the root. */
  enabledTypes: PolicyType[];
  policies: LiveOrgPolicy[];
  delegatedAdministrators: { accountId: string; servicePrincipal: string }[];
  trustedServices: string[];
}
