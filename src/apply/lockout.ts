// The lockout choke point: every operation passes here right before it runs, whatever
// the change claims to be. No operation may write to the role orgctl reaches accounts
// through, nor to the role the running credentials belong to; losing either locks orgctl
// (or the person running it) out, and no later plan can repair that. Compared as IAM
// compares: by account and case-insensitive name, whatever path a reference carries.
import { iamNameKey, roleOfArn } from "../aws/iam-identity.js";
import type { ProtectedRoles } from "../engine/operation.js";
import type { Change } from "../engine/types.js";

export class LockoutRefused extends Error {
  override name = "LockoutRefused";
}

export type { ProtectedRoles } from "../engine/operation.js";

/** Throws LockoutRefused when the change would write to a protected role. */
export function assertNoLockout(change: Change, roles: ProtectedRoles): void {
  const why = lockoutReason(change, roles);
  if (why) throw new LockoutRefused(why);
}

export function lockoutReason(change: Change, roles: ProtectedRoles): string | undefined {
  if (change.service !== "iam" || change.action === "noop") return undefined;
  const access = iamNameKey(roles.accessRole);
  const caller = roleOfArn(roles.callerArn);
  for (const name of roleNamesWritten(change)) {
    if (iamNameKey(name) === access) return `refused: ${change.address} would ${change.action} ${name}, the role orgctl uses to reach accounts`;
    if (caller && iamNameKey(name) === iamNameKey(caller.name) && (change.accountId === undefined || change.accountId === caller.accountId)) {
      return `refused: ${change.address} would ${change.action} the role these credentials are using (${roles.callerArn})`;
    }
  }
  return undefined;
}

/** Every role name the change carries: its own name and whatever its before/after name. */
function roleNamesWritten(change: Change): string[] {
  const names = [change.name, nameIn(change.before), nameIn(change.after)];
  return [...new Set(names.filter((n): n is string => typeof n === "string" && n !== ""))];
}

function nameIn(value: unknown): unknown {
  return value !== null && typeof value === "object" && "name" in value ? value.name : undefined;
}
