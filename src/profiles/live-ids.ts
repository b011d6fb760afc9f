// Ids for accounts the YAML lists without one (orgctl created them, or they predate the
// YAML's id): read from the live organization and matched by email, as the plan matches them
// (Organizations keeps emails unique, case-insensitively). Read only when some account needs it.
import { paginateListAccounts, type OrganizationsClient } from "@aws-sdk/client-organizations";
import type { DesiredState } from "../model/types.js";

/** Account key → id for the accounts without an id in the YAML that the organization has. */
export async function liveAccountIds(state: Pick<DesiredState, "accounts">, client: OrganizationsClient): Promise<Map<string, string>> {
  const wanted = new Map(state.accounts.filter((a) => a.id === undefined).map((a) => [a.email.toLowerCase(), a.key]));
  const ids = new Map<string, string>();
  if (wanted.size === 0) return ids;
  for await (const page of paginateListAccounts({ client }, {})) {
    for (const a of page.Accounts ?? []) {
      const key = a.Email === undefined ? undefined : wanted.get(a.Email.toLowerCase());
      // A closed (or closing) account has nothing left to assume.
      if (key !== undefined && a.Id !== undefined && a.Status === "ACTIVE") ids.set(key, a.Id);
    }
  }
  return ids;
}

/** The state with those ids filled in, so everything downstream sees ordinary accounts. */
export function withIds(state: DesiredState, ids: ReadonlyMap<string, string>): DesiredState {
  if (ids.size === 0) return state;
  return { ...state, accounts: state.accounts.map((a) => (a.id === undefined && ids.has(a.key) ? { ...a, id: ids.get(a.key)! } : a)) };
}
