// When a scoped read needs the Organizations part for a few accounts only, reading each
// of them is cheaper than listing every account (a page of 20 per call, at the
// organisation-wide rate). That needs every account's id from the YAML: an account known
// only by email is found in the listing, which is then read whole.
import type { DesiredState } from "../model/types.js";
import type { Selection } from "./scope.js";

/** The ids of the accounts whose Organizations resource the selection plans, when reading them alone is cheaper; else undefined. */
export function touchedAccountIds(desired: DesiredState, sel: Selection): Set<string> | undefined {
  if (!sel.organization || sel.organizationAccounts === "all") return undefined;
  if (desired.accounts.some((a) => a.id === undefined)) return undefined;
  const ids = new Map(desired.accounts.map((a) => [a.key, a.id]));
  const touched = new Set<string>();
  for (const key of sel.organizationAccounts) {
    // A key no longer in the YAML (an account removed from it) is at most an orphan note; an id names itself.
    const id = ids.get(key) ?? (/^\d{12}$/.test(key) ? key : undefined);
    if (id !== undefined) touched.add(id);
  }
  return cheaperThanListing(touched.size, desired.accounts.length) ? touched : undefined;
}

/** Listing costs a page per 20 accounts: reading k accounts alone costs 3 calls each, tags included either way. */
export function cheaperThanListing(touched: number, accountsInState: number): boolean {
  return touched * 2 <= Math.ceil(accountsInState / 20);
}
