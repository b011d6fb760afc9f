// The lockout choke point: every operation passes here right before it runs, whatever
// the change claims to be. No operation may write to the role orgctl reaches accounts
// through, nor to the role the running credentials belong to; losing either locks orgctl
// (or the person running it) out, and no later plan can repair that. Compared as IAM
// compares: by account and case-insensitive name, whatever path a reference carries.
// Credentials of an IAM user get their permissions from the user's groups too: a change
// whose kind says it could take that user's access away through a group is refused alike.
import { iamNameKey, roleOfArn, userOfArn } from "../aws/iam-identity.js";
import type { ProtectedRoles } from "../engine/operation.js";
import type { KindRegistry } from "../engine/kind.js";
import type { ResourceType } from "../engine/resources.js";
import type { Change, ChangeOf } from "../engine/types.js";

export class LockoutRefused extends Error {
  override name = "LockoutRefused";
}

export type { ProtectedRoles } from "../engine/operation.js";

/** Throws LockoutRefused when the change would write to a protected role. */
export function assertNoLockout(change: Change, roles: ProtectedRoles, kinds: KindRegistry): void {
  const why = lockoutReason(change, roles, kinds);
  if (why) throw new LockoutRefused(why);
}

export function lockoutReason(change: Change, roles: ProtectedRoles, kinds: KindRegistry): string | undefined {
  if (change.action === "noop") return undefined;
  const access = iamNameKey(roles.accessRole);
  const caller = roleOfArn(roles.callerArn);
  for (const name of roleNamesWritten(change, kinds)) {
    if (iamNameKey(name) === access) return `refused: ${change.address} would ${change.action} ${name}, the role orgctl uses to reach accounts`;
    if (caller && iamNameKey(name) === iamNameKey(caller.name) && (change.accountId === undefined || change.accountId === caller.accountId)) {
      return `refused: ${change.address} would ${change.action} the role these credentials are using (${roles.callerArn})`;
    }
  }
  return callerUserLockout(change, roles.callerArn, kinds);
}

/** The kind's judgement of whether the change could lock out the IAM user running apply, in that user's account. */
function callerUserLockout<T extends ResourceType>(change: ChangeOf<T>, callerArn: string, kinds: KindRegistry): string | undefined {
  const user = userOfArn(callerArn);
  if (!user || (change.accountId !== undefined && change.accountId !== user.accountId)) return undefined;
  const why = kinds.kindOf(change)?.callerLockout?.(change, user);
  return why === undefined ? undefined : `refused: ${change.address}: ${why}`;
}

/**
 * The role names a change writes to, as its kind declares them. An IAM change whose kind
 * declares none, or whose type no kind registers (a hand-made plan), is checked by every
 * name it carries: the guard errs on the side of refusing.
 */
function roleNamesWritten<T extends ResourceType>(change: ChangeOf<T>, kinds: KindRegistry): string[] {
  const kind = kinds.kindOf(change);
  if (kind?.rolesWritten) return kind.rolesWritten(change);
  if (kind && kind.service !== "iam") return [];
  const names = [change.name, nameIn(change.before), nameIn(change.after)];
  return [...new Set(names.filter((n): n is string => typeof n === "string" && n !== ""))];
}

function nameIn(value: unknown): unknown {
  return value !== null && typeof value === "object" && "name" in value ? value.name : undefined;
}
