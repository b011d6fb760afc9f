// What changed between two desired states, per account: the accounts whose IAM or
// AppConfig resources differ (role targeting and trust references resolved, so an OU
// move or a renumbered trusted account counts), the accounts whose Organizations
// resource differs, and whether the organization's own shape changed.
import { grantedCallers } from "../model/grants/callers.js";
import { expandRoles } from "../model/targets.js";
import type { DesiredState, RoleSpec } from "../model/types.js";

/** A trust reference that is already an account id rather than an account key. */
const ACCOUNT_ID = /^\d{12}$/;

type Pairs = ReturnType<typeof expandRoles>;

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
  // Expanded once per state: every comparison below needs the (account, role) pairs.
  const pairsBefore = expandRoles(before);
  const pairsAfter = expandRoles(after);
  const changed = differingKeys(resourcesByAccount(before, pairsBefore), resourcesByAccount(after, pairsAfter));
  const accounts = withTrustingAccounts(pairsAfter, changed, differingKeys(roleIdentities(pairsBefore), roleIdentities(pairsAfter)));
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
function withTrustingAccounts(pairs: Pairs, changed: Set<string>, roles: Set<string>): Set<string> {
  const out = new Set(changed);
  for (const { account, role } of pairs) {
    if ((role.trust?.roles ?? []).some((r) => roles.has(r))) out.add(account.key);
  }
  return out;
}

/** "<account key>/<role name>" → role path, as trust.roles names them. */
function roleIdentities(pairs: Pairs): Map<string, string> {
  return new Map(pairs.map(({ account, role }) => [`${account.key}/${role.name}`, role.path]));
}

function accountResources(state: DesiredState): Map<string, string> {
  return new Map(state.accounts.map((a) => [a.key, comparable(a)]));
}

/**
 * Per account key: its roles (as targeted, with referenced account ids) and applications.
 * Each role and application is serialized once and an account's text joins those of what
 * it has (canonical JSON holds no raw newline, so the joins cannot be confused): a role
 * targeting thousands of accounts is not serialized thousands of times.
 */
function resourcesByAccount(state: DesiredState, pairs: Pairs): Map<string, string> {
  const ids = new Map(state.accounts.map((a) => [a.key, a.id]));
  const views = new Map(state.roles.map((role) => [role, comparable(roleView(ids, role))]));
  const roles = new Map<string, string[]>();
  for (const { account, role } of pairs) {
    const list = roles.get(account.key) ?? [];
    if (list.length === 0) roles.set(account.key, list);
    list.push(views.get(role) ?? "");
  }
  const apps = new Map<string, string[]>();
  for (const app of state.appconfig) {
    const list = apps.get(app.account) ?? [];
    if (list.length === 0) apps.set(app.account, list);
    list.push(comparable(app));
  }
  // A caller's grants policy lists the roles that trust it in other accounts: it changes with them.
  const paths = roleIdentities(pairs);
  for (const { caller, roles: granted } of grantedCallers(state)) {
    const list = roles.get(caller.account) ?? [];
    if (list.length === 0) roles.set(caller.account, list);
    list.push(comparable({ grant: caller, roles: granted.map((r) => [r.account, ids.get(r.account) ?? null, paths.get(`${r.account}/${r.name}`) ?? "/", r.name]) }));
  }
  const out = new Map<string, string>();
  for (const account of state.accounts) {
    const parts = [JSON.stringify(account.id ?? null), ...(roles.get(account.key) ?? []), "", ...(apps.get(account.key) ?? [])];
    out.set(account.key, parts.join("\n"));
  }
  return out;
}

/** A role as its accounts see it: targets are already applied, references resolve to ids. */
function roleView(ids: ReadonlyMap<string, string | undefined>, role: RoleSpec): unknown {
  const { targets: _targets, ...rest } = role;
  const refs = [...(role.trust?.accounts ?? []), ...(role.trust?.roles ?? []).map((r) => r.split("/")[0] ?? "")];
  return { ...rest, resolved: Object.fromEntries(refs.map((r) => [r, (ACCOUNT_ID.test(r) ? r : ids.get(r)) ?? null])) };
}

/** Canonical JSON without source locations (moving YAML lines changes nothing in AWS), in one pass. */
function comparable(value: unknown): string {
  return (
    JSON.stringify(value, (key, v: unknown) => {
      if (key === "loc") return undefined;
      if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }) ?? "null"
  );
}
