// Identity is AWS's identity: two changes whose names a kind says are the same resource
// (IAM ignores case: `Reader` and `READER` are one role) must never both reach apply, or
// the second would rewrite what the first just made. Whatever a family's diff did, the
// plan keeps neither and says why.
import type { KindRegistry } from "./kind.js";
import type { ResourceType } from "./resources.js";
import type { Change, ChangeOf, Conflict } from "./types.js";

export function withoutSameResourceTwice(changes: Change[], kinds: KindRegistry): { changes: Change[]; conflicts: Conflict[] } {
  const byIdentity = new Map<string, Change[]>();
  for (const change of changes) {
    const key = identityOf(change, kinds);
    byIdentity.set(key, [...(byIdentity.get(key) ?? []), change]);
  }
  const clashing = [...byIdentity.values()].filter((group) => group.length > 1).map((group) => group.sort((a, b) => (a.address < b.address ? -1 : 1)));
  if (clashing.length === 0) return { changes, conflicts: [] };
  const dropped = new Set(clashing.flat());
  const conflicts = clashing.map((group) => ({
    address: group[0]!.address,
    message: `${group.map((c) => c.address).join(" and ")} name one ${group[0]!.type} (AWS compares these names as the same): keep one spelling in the YAML`,
  }));
  return { changes: changes.filter((c) => !dropped.has(c)), conflicts };
}

function identityOf<T extends ResourceType>(change: ChangeOf<T>, kinds: KindRegistry): string {
  const kind = kinds.kindOf(change);
  return JSON.stringify([change.account, change.type, kind ? kind.nameKey(change.name) : change.name]);
}
