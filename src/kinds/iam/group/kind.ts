// The IAM group kind: names compare as IAM compares them (case-insensitively). Groups are
// created and updated, never deleted: IAM groups carry no tags, so orgctl cannot tell one
// it made from one made by hand.
import { iamNameKey } from "../../../aws/iam-identity.js";
import type { ResourceKind } from "../../../engine/kind.js";
import { groupCallerLockout } from "./caller-lockout.js";
import { groupOperations } from "./operations.js";

export const groupKind: ResourceKind<"group"> = {
  type: "group",
  service: "iam",
  nameKey: iamNameKey,
  operations: groupOperations,
  callerLockout: (change, caller) => groupCallerLockout(change.before, change.after, caller),
};
