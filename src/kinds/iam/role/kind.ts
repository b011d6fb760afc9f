// The IAM role kind: names compare as IAM compares them (case-insensitively), and every
// change writes to the role it names, so the lockout guard checks each of those names.
import { iamNameKey } from "../../../aws/iam-identity.js";
import type { ResourceKind } from "../../../engine/kind.js";
import type { ChangeOf } from "../../../engine/types.js";
import { roleOperations } from "./operations.js";

export const roleKind: ResourceKind<"role"> = {
  type: "role",
  service: "iam",
  nameKey: iamNameKey,
  operations: roleOperations,
  rolesWritten: namesOf,
};

/** The change's own name and whatever name its before and after carry (a hand edit may differ). */
export function namesOf(change: ChangeOf<"role"> | ChangeOf<"role-trust">): string[] {
  const names = [change.name, change.before?.name, change.after?.name];
  return [...new Set(names.filter((n): n is string => typeof n === "string" && n !== ""))];
}
