// The follow-up that completes a role's trust once the roles it names exist: it writes
// to that role, so the lockout guard checks it like the role itself.
import { iamNameKey } from "../../../aws/iam-identity.js";
import type { ResourceKind } from "../../../engine/kind.js";
import { roleTrustOperations } from "../role/operations.js";
import { namesOf } from "../role/kind.js";

export const roleTrustKind: ResourceKind<"role-trust"> = {
  type: "role-trust",
  service: "iam",
  nameKey: iamNameKey,
  operations: roleTrustOperations,
  rolesWritten: namesOf,
};
