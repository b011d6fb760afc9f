// Accounts in the order a reviewer reads them: the plan lists its accounts management
// first, then by key; any other account a change names follows, by key.
import type { Change, Plan } from "../engine/types.js";

export function orderAccounts(plan: Plan, keys: Iterable<string>): string[] {
  const rank = new Map(plan.accounts.map((a, i) => [a.key, i]));
  const position = (key: string) => rank.get(key) ?? Number.MAX_SAFE_INTEGER;
  return [...new Set(keys)].sort((a, b) => position(a) - position(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Changes per account, accounts in reading order, each account's changes in plan order. */
export function groupByAccount(plan: Plan, changes: Change[]): Map<string, Change[]> {
  const groups = new Map<string, Change[]>(orderAccounts(plan, changes.map((c) => c.account)).map((key) => [key, []]));
  for (const change of changes) groups.get(change.account)?.push(change);
  return groups;
}
