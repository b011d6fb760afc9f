// Builds a Change from its canonical before/after: address, patch and beforeHash
// are derived here so every service's diff computes them the same way.
import { formatAddress } from "./address.js";
import { canonicalize, hashOf } from "./canonical.js";
import { patchBetween, shared } from "./shared-values.js";
import type { Change } from "./types.js";

/** A Change before derivation: address, patch and beforeHash are computed; the rest may default. */
export type ChangeInput = Pick<Change, "action" | "account" | "accountId" | "service" | "type" | "name" | "before" | "after"> &
  Partial<Pick<Change, "dependsOn" | "destructive" | "sensitive" | "notes">>;

export function makeChange(input: ChangeInput): Change {
  const before = input.before === undefined ? null : canonicalize(input.before);
  const after = input.after === undefined ? null : shared(canonicalize(input.after));
  const change: Change = {
    address: formatAddress(input),
    action: input.action,
    account: input.account,
    service: input.service,
    type: input.type,
    name: input.name,
    before,
    after,
    patch: patchBetween(before, after),
    dependsOn: [...new Set(input.dependsOn ?? [])].sort(),
    destructive: input.destructive ?? (input.action === "delete" || input.action === "replace"),
    sensitive: input.sensitive ?? false,
    beforeHash: hashOf(before),
    notes: input.notes ?? [],
  };
  if (input.accountId !== undefined) change.accountId = input.accountId;
  return change;
}
