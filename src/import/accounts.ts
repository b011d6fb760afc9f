// Account keys for the whole organization, and the key <-> id mapping trust sugar needs.
import type { LiveOrganization } from "../engine/types.js";
import { KeyAllocator } from "./keys.js";
import type { AccountRefs } from "./trust-sugar.js";

const ACCOUNT_ID = /^\d{12}$/;

export interface AccountKeys extends AccountRefs {
  /** Account id → YAML key. */
  byId: ReadonlyMap<string, string>;
}

/** Keys from account names, allocated in id order so the same organization always gets the same keys. */
export function accountKeys(org: LiveOrganization): AccountKeys {
  const keys = new KeyAllocator();
  const byId = new Map<string, string>();
  for (const a of [...org.accounts].sort((x, y) => x.id.localeCompare(y.id))) byId.set(a.id, keys.allocate(a.name, `account-${a.id}`));
  const byKey = new Map([...byId].map(([id, key]) => [key, id]));
  return {
    byId,
    refOf: (id) => byId.get(id) ?? id,
    idOf: (ref) => (ACCOUNT_ID.test(ref) ? ref : byKey.get(ref) ?? ref),
  };
}
