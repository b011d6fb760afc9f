// Accounts created during the apply get their ids only then: every later change that
// names them through `${account:<key>}` is rewritten just before it runs. Any other
// reference (src/model/references) still unresolved here stops the change: it must never
// reach AWS as literal text.
import { ACCOUNT_PLACEHOLDER_RE } from "../engine/resources.js";
import type { Change } from "../engine/types.js";
import { formatReference } from "../model/references/grammar.js";
import { referencesIn, substitute } from "../model/references/substitute.js";
import { USER_DATA } from "../engine/reference-values.js";

export class UnresolvedAccountError extends Error {}

/**
 * The change with placeholders replaced and its accountId filled in from `ids` (key → id),
 * and the references earlier operations made known (`values`, by reference text) written in.
 */
export function resolveChange(change: Change, ids: ReadonlyMap<string, string>, values: ReadonlyMap<string, string> = new Map()): Change {
  const known = substitute(change.after, (ref) => values.get(formatReference(ref)), USER_DATA).value;
  const text = JSON.stringify(known);
  const missing = new Set<string>();
  const after = text.replace(ACCOUNT_PLACEHOLDER_RE, (placeholder, key: string) => {
    const id = ids.get(key);
    if (id === undefined) missing.add(key);
    return id ?? placeholder;
  });
  if (missing.size > 0) throw new UnresolvedAccountError(`account id unknown for ${[...missing].join(", ")}: the account was not created`);
  // AppConfig content is the user's data (validate does not read it either).
  const pending = referencesIn(after === undefined ? null : JSON.parse(after), USER_DATA).filter((r) => r.kind !== "account");
  if (pending.length > 0)
    throw new UnresolvedAccountError(`${pending.map(formatReference).join(", ")} not known yet (created by this apply): apply again once it exists`);
  const accountId = change.accountId ?? ids.get(change.account);
  return { ...change, after: after === undefined ? change.after : JSON.parse(after), ...(accountId !== undefined ? { accountId } : {}) };
}
