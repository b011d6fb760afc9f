// Builds a Change from its canonical before/after: address, patch and beforeHash
// are derived here so every kind's diff computes them the same way.
import { formatAddress } from "./address.js";
import { canonicalize, hashOf } from "./canonical.js";
import type { Reason } from "./reasons.js";
import type { ResourceByType, ResourceType } from "./resources.js";
import { patchBetween, shared } from "./shared-values.js";
import type { Change, ChangeAction, ChangeOf, ServiceKey } from "./types.js";

/** A Change before derivation: address, patch and beforeHash are computed; the rest may default. */
export interface ChangeInput<T extends ResourceType> {
  type: T;
  action: ChangeAction;
  account: string;
  accountId?: string | undefined;
  service: ServiceKey;
  name: string;
  before: ResourceByType[T] | null;
  after: ResourceByType[T] | null;
  dependsOn?: string[];
  destructive?: boolean;
  sensitive?: boolean;
  reasons?: Reason[];
}

export function makeChange<T extends ResourceType>(input: ChangeInput<T>): ChangeOf<T> {
  const before = input.before === null ? null : canonicalize(input.before);
  const after = input.after === null ? null : shared(canonicalize(input.after));
  const change: ChangeOf<T> = {
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
    reasons: input.reasons ?? [],
  };
  if (input.accountId !== undefined) change.accountId = input.accountId;
  return change;
}

/**
 * A change of a kind known only generically (ChangeOf<T> with T a type parameter) as a
 * member of Change. It always is one; TypeScript cannot follow a type parameter into
 * the union, so this is the one place that says so.
 */
export function asChange<T extends ResourceType>(change: ChangeOf<T>): Change {
  return change as unknown as Change;
}
