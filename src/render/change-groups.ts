// The same change in many accounts (a role rolled out to 54 accounts) is read once, not
// 54 times: changes that a reviewer would see identically (same action, same resource
// path after the account, same notes, same diff lines before redaction, so two different
// sensitive contents never pass for one) are grouped, with the accounts listed.
import type { Change } from "../engine/types.js";
import { changeLines } from "./change-lines.js";
import { SYMBOLS } from "./symbols.js";

/** With fewer accounts than this a change is shown in each account, as it reads best. */
export const GROUP_MIN_ACCOUNTS = 3;
/** Accounts named in a group's one-line heading; the rest are in the per-account list. */
const NAMED = 5;

export interface SharedChange {
  /** The address after the account, e.g. "iam/role/cicd-deployer". */
  resource: string;
  /** The changes, in plan order; all read the same. */
  changes: Change[];
}

export function groupIdentical(changes: Change[], min = GROUP_MIN_ACCOUNTS): { shared: SharedChange[]; single: Change[] } {
  const byKey = new Map<string, Change[]>();
  for (const change of changes) {
    const key = JSON.stringify([change.action, resourceOf(change.address), change.destructive, change.reasons, changeLines(change)]);
    byKey.set(key, [...(byKey.get(key) ?? []), change]);
  }
  const shared = [...byKey.values()].filter((g) => new Set(g.map((c) => c.account)).size >= min);
  const grouped = new Set(shared.flat());
  return {
    shared: shared.map((g) => ({ resource: resourceOf(g[0]!.address), changes: g })),
    single: changes.filter((c) => !grouped.has(c)),
  };
}

/** e.g. "+ role cicd-deployer (create) in 54 accounts: dev-1, dev-2, dev-3, dev-4, dev-5, …". */
export function sharedHeading(group: SharedChange): string {
  const first = group.changes[0]!;
  return `${SYMBOLS[first.action]} ${label(group.resource)} (${first.action}) ${sharedWhere(group)}`;
}

/** e.g. "in 54 accounts: dev-1, dev-2, dev-3, dev-4, dev-5, …". */
export function sharedWhere(group: SharedChange): string {
  const accounts = group.changes.map((c) => c.account);
  return `in ${accounts.length} accounts: ${accounts.slice(0, NAMED).join(", ")}${accounts.length > NAMED ? ", …" : ""}`;
}

function resourceOf(address: string): string {
  return address.split("/").slice(1).join("/");
}

/** "iam/role/cicd-deployer" → "role cicd-deployer". */
export function label(resource: string): string {
  const [, type, ...name] = resource.split("/");
  return type === undefined ? resource : `${type} ${name.join("/")}`;
}
