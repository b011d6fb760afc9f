import type { AccountSpec, DesiredState, RoleSpec, RoleTargets } from "./types.js";

const ACCOUNT_ID = /^\d{12}$/;

/** The 12-digit id for an account key or id; undefined for an account orgctl has yet to create. */
export function accountIdOf(state: Pick<DesiredState, "accounts">, keyOrId: string): string | undefined {
  if (ACCOUNT_ID.test(keyOrId)) return keyOrId;
  return state.accounts.find((a) => a.key === keyOrId)?.id;
}

/** The account key a reference names (by key or by a declared account's id), or undefined. */
export function accountKeyOf(state: Pick<DesiredState, "accounts">, ref: string): string | undefined {
  return state.accounts.find((a) => a.key === ref || (a.id !== undefined && a.id === ref))?.key;
}

/** True when `unit` is `ancestor` or lies below it. */
export function isWithinUnit(unit: string | null, ancestor: string): boolean {
  return unit !== null && (unit === ancestor || unit.startsWith(ancestor + "/"));
}

/** The accounts a role's targets select, in the order of state.accounts. */
export function targetAccounts(accounts: AccountSpec[], targets: RoleTargets): AccountSpec[] {
  const byPlace = targets.accounts.length > 0 || targets.units.length > 0;
  // Looked up once per role, not once per account: a role may target thousands of accounts.
  const keys = new Set(targets.accounts);
  const tags = Object.entries(targets.tags);
  return accounts.filter((a) => {
    // With only tags, every account is a candidate; otherwise the union of accounts and units.
    const placed = !byPlace || keys.has(a.key) || targets.units.some((u) => isWithinUnit(a.unit, u));
    return placed && tags.every(([k, v]) => a.tags[k] === v);
  });
}

/** Every (account, role) pair the desired state asks for. */
export function expandRoles(state: Pick<DesiredState, "accounts" | "roles">): { account: AccountSpec; role: RoleSpec }[] {
  return state.roles.flatMap((role) => targetAccounts(state.accounts, role.targets).map((account) => ({ account, role })));
}
