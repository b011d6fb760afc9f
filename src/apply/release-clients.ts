// Each account's SDK clients (middleware stack, HTTP agent, sockets: tens of kB each) are
// built on its first operation; an apply over thousands of accounts that kept them all
// would hold hundreds of MB by the end (20,000 changes in 5,000 accounts). Once the last
// change of an account has settled its clients are released, as the reader does.
import type { Change } from "../engine/types.js";

/** Services whose clients belong to one account's changes (Organizations is the management account's, shared by all). */
export const ACCOUNT_SERVICES = ["iam", "appconfig"] as const;

/** A callback for each settled change that calls `release` after the last change of its account. */
export function releaseAfterLast(changes: readonly Change[], release: (change: Change) => void): (settled: Change) => void {
  const left = new Map<string, number>();
  for (const c of changes) left.set(c.account, (left.get(c.account) ?? 0) + 1);
  return (settled) => {
    const n = (left.get(settled.account) ?? 1) - 1;
    left.set(settled.account, n);
    if (n === 0) release(settled);
  };
}
