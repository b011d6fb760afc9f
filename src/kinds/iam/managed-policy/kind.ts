// The customer managed policy kind: names compare as IAM compares them (case-insensitively).
// A policy change writes to no role, but a policy attached to the access role changes what
// orgctl may do: the plan shows such an update like any other, and review is the guard.
import { iamNameKey } from "../../../aws/iam-identity.js";
import type { ResourceKind } from "../../../engine/kind.js";
import { managedPolicyOperations } from "./operations.js";

export const managedPolicyKind: ResourceKind<"managed-policy"> = {
  type: "managed-policy",
  service: "iam",
  nameKey: iamNameKey,
  operations: managedPolicyOperations,
};
