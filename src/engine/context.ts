// What every service diff needs to know besides its own resources: account ids
// (from the YAML or the live organization), which accounts are being created, and
// where to record conflicts. Built once per plan.
import type { AccountSpec, DesiredState } from "../model/types.js";
import { formatAddress } from "./address.js";
import { accountPlaceholder } from "./resources.js";
import type { AccountReadError, Change, Conflict, LiveState } from "./types.js";

/** What a plan is made with, besides the desired and live state and the kinds. */
export interface PlanSettings {
  commit?: string;
  paths: string[];
  prune?: boolean;
  accessRole: string;
  callerRoleArn?: string;
}

export interface DiffContext {
  desired: DesiredState;
  live: LiveState;
  opts: PlanSettings;
  prune: boolean;
  /** Key of the management account in addresses. */
  managementKey: string;
  accountsByKey: Map<string, AccountSpec>;
  /** Account key → id, when known (YAML or live organization matched by email). */
  accountIds: Map<string, string>;
  /** Id → account key, the inverse of accountIds (trust and reference links look keys up per role). */
  accountKeys: Map<string, string>;
  /** Account keys whose live state could not be read: no diff for them. */
  failedAccounts: Set<string>;
  changes: Change[];
  conflicts: Conflict[];
  /** The readers' account errors, which diffs may explain further (one entry per account). */
  errors: AccountReadError[];
}

export function createContext(desired: DesiredState, live: LiveState, opts: PlanSettings): DiffContext {
  const accountsByKey = new Map(desired.accounts.map((a) => [a.key, a]));
  const accountIds = new Map<string, string>();
  const liveIdByEmail = emailIndex(live);
  for (const account of desired.accounts) {
    const id = account.id ?? liveIdByEmail().get(account.email.toLowerCase());
    if (id !== undefined) accountIds.set(account.key, id);
  }
  const accountKeys = new Map<string, string>();
  for (const [key, id] of accountIds) if (!accountKeys.has(id)) accountKeys.set(id, key);
  const managementId = desired.organization?.managementAccount ?? live.organization?.managementAccountId;
  const managementKey = desired.accounts.find((a) => a.id !== undefined && a.id === managementId)?.key ?? "management";
  return {
    desired,
    live,
    opts,
    prune: opts.prune ?? desired.settings.prune,
    managementKey,
    accountsByKey,
    accountIds,
    accountKeys,
    failedAccounts: new Set(live.errors.map((e) => e.account)),
    changes: [],
    conflicts: [],
    errors: live.errors.map((e) => ({ ...e })),
  };
}

/**
 * Live account ids by lower-cased email, built on first use: only accounts the YAML lists
 * without an id need it, and a lookup per account would be quadratic at thousands of them.
 * The first account with an email wins, as a linear search would pick it.
 */
function emailIndex(live: LiveState): () => Map<string, string> {
  let index: Map<string, string> | undefined;
  return () => {
    if (index) return index;
    index = new Map();
    for (const l of live.organization?.accounts ?? []) {
      const email = l.email.toLowerCase();
      if (!index.has(email)) index.set(email, l.id);
    }
    return index;
  };
}

export function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Account key or 12-digit id → id, or the placeholder for an account not created yet. */
export function accountIdOrPlaceholder(ctx: DiffContext, ref: string): string {
  if (/^\d{12}$/.test(ref)) return ref;
  return ctx.accountIds.get(ref) ?? accountPlaceholder(ref);
}

/** Account key for a key-or-id reference (ids of unlisted accounts stay as they are). */
export function accountKeyOf(ctx: DiffContext, ref: string): string {
  if (!/^\d{12}$/.test(ref)) return ref;
  return ctx.accountKeys.get(ref) ?? ref;
}

export function accountAddress(ctx: DiffContext, key: string): string {
  return formatAddress({ account: ctx.managementKey, service: "organizations", type: "account", name: key });
}
