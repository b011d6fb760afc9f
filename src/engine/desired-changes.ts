// What changed between two desired states, per account: the accounts whose IAM or
// AppConfig resources differ (role targeting and trust references resolved, so an OU
// move or a renumbered trusted account counts), the accounts whose Organizations
// resource differs, and whether the organization's own shape changed.
import { expandRoles } from "../model/targets.js";
import type { DesiredState, RoleSpec } from "../model/types.js";
import { canonicalJson } from "./canonical.js";

/** A trust reference that is already an account id rather than an account key. */
const ACCOUNT_ID = /^\d{12}$/;

export interface DesiredChanges {
  /** Every account must be re-read: something all accounts depend on changed. */
  everything: boolean;
  /** Account keys whose roles or AppConfig applications differ. */
  accounts: Set<string>;
  /** Account keys whose account resource (unit, tags, name, email, id) differs, or that were removed. */
  organizationAccounts: Set<string>;
  /** Units changed or accounts were added, moved, retagged or removed. */
  organization: boolean;
}

export function desiredChanges(before: DesiredState, after: DesiredState): DesiredChanges {
  const everything =
    before.organization?.managementAccount !== after.organization?.managementAccount ||
    before.organization?.accessRole !== after.organization?.accessRole ||
    before.settings.prune !== after.settings.prune;
  const changed = differingKeys(resourcesByAccount(before), resourcesByAccount(after));
  const accounts = withTrustingAccounts(after, changed, differingKeys(roleIdentities(before), roleIdentities(after)));
  const organizationAccounts = differingKeys(accountResources(before), accountResources(after));
  const organization =
    organizationAccounts.size > 0 || comparable(before.organization?.units ?? []) !== comparable(after.organization?.units ?? []);
  return { everything, accounts, organizationAccounts, organization };
}

function differingKeys(a: Map<string, string>, b: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) out.add(key);
  return out;
}

/**
 * Adds the accounts whose roles trust a role that appears, disappears or moves (path):
 * a trust naming a role that is replaced becomes a dangling unique id in IAM, which
 * only a plan of the trusting account shows.
 */
function withTrustingAccounts(state: DesiredState, changed: Set<string>, roles: Set<string>): Set<string> {
  const out = new Set(changed);
  for (const { account, role } of expandRoles(state)) {
    if ((role.trust?.roles ?? []).some((r) => roles.has(r))) out.add(account.key);
  }
  return out;
}

/** "<account key>/<role name>" → role path, as trust.roles names them. */
function roleIdentities(state: DesiredState): Map<string, string> {
  return new Map(expandRoles(state).map(({ account, role }) => [`${account.key}/${role.name}`, role.path]));
}

function accountResources(state: DesiredState): Map<string, string> {
  return new Map(state.accounts.map((a) => [a.key, comparable(a)]));
}

/** Per account key: its roles (as targeted, with referenced account ids) and applications. */
function resourcesByAccount(state: DesiredState): Map<string, string> {
  const ids = new Map(state.accounts.map((a) => [a.key, a.id]));
  // One view per role, shared by every account it targets (a role may target thousands).
  const views = new Map(state.roles.map((role) => [role, roleView(ids, role)]));
  const roles = new Map<string, unknown[]>();
  for (const { account, role } of expandRoles(state)) {
    const list = roles.get(account.key) ?? [];
    if (list.length === 0) roles.set(account.key, list);
    list.push(views.get(role));
  }
  const out = new Map<string, string>();
  for (const account of state.accounts) {
    const apps = state.appconfig.filter((app) => app.account === account.key);
    out.set(account.key, comparable({ id: account.id ?? null, roles: roles.get(account.key) ?? [], apps }));
  }
  return out;
}

/** A role as its accounts see it: targets are already applied, references resolve to ids. */
function roleView(ids: ReadonlyMap<string, string | undefined>, role: RoleSpec): unknown {
  const { targets: _targets, ...rest } = role;
  const refs = [...(role.trust?.accounts ?? []), ...(role.trust?.roles ?? []).map((r) => r.split("/")[0] ?? "")];
  return { ...rest, resolved: Object.fromEntries(refs.map((r) => [r, (ACCOUNT_ID.test(r) ? r : ids.get(r)) ?? null])) };
}

/** Canonical JSON without source locations (moving YAML lines changes nothing in AWS). */
function comparable(value: unknown): string {
  return canonicalJson(JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === "loc" ? undefined : v))));
}
