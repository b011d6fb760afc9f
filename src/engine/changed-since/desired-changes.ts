// What changed between two desired states, per account: the accounts whose resources
// differ (targeting, trust and references resolved, so an OU move or a renumbered trusted
// account counts), the accounts whose Organizations resource differs, and whether the
// organization's own shape changed. Whatever it does not know how to place in accounts
// (a setting, a part of the YAML added later) makes it plan everything: a scoped plan may
// read less, never miss a change.
import { accountKeyOf, expandRoles } from "../../model/targets.js";
import type { DesiredState } from "../../model/types.js";
import { accountViews, type Pairs } from "./account-views.js";
import { comparable } from "./comparable.js";
import { referenceTargets, referencingAccounts } from "./referencing.js";

export interface DesiredChanges {
  /** Every account must be re-read: something all accounts depend on changed. */
  everything: boolean;
  /** Account keys whose IAM or AppConfig resources differ. */
  accounts: Set<string>;
  /** Account keys whose account resource (unit, tags, name, email, id) differs, or that were removed. */
  organizationAccounts: Set<string>;
  /** Units or organization policies changed, or accounts were added, moved, retagged or removed. */
  organization: boolean;
}

export function desiredChanges(before: DesiredState, after: DesiredState): DesiredChanges {
  // Expanded once per state: every comparison below needs the (account, role) pairs.
  const pairsBefore = expandRoles(before);
  const pairsAfter = expandRoles(after);
  const viewsAfter = accountViews(after, pairsAfter);
  const changed = differingKeys(accountViews(before, pairsBefore), viewsAfter);
  const roles = differingKeys(roleIdentities(pairsBefore), roleIdentities(pairsAfter));
  const referenced = referencingAccounts(viewsAfter, differingKeys(referenceTargets(before, pairsBefore), referenceTargets(after, pairsAfter)));
  const accounts = new Set([...withTrustingAccounts(after, pairsAfter, changed, roles), ...referenced]);
  const organizationAccounts = differingKeys(accountResources(before), accountResources(after));
  const organization =
    organizationAccounts.size > 0 ||
    comparable(before.organization?.units ?? []) !== comparable(after.organization?.units ?? []) ||
    comparable(before.organization?.policies ?? null) !== comparable(after.organization?.policies ?? null);
  const everything = comparable(unplaced(before)) !== comparable(unplaced(after)) || renumbered(before, after);
  return { everything, accounts, organizationAccounts, organization };
}

/**
 * The desired state without what the comparisons above place in accounts or in the
 * organization: settings, the management account, the access role, and anything added later.
 */
function unplaced(state: DesiredState): unknown {
  const { accounts: _a, roles: _r, policies: _p, groups: _g, oidcProviders: _o, appconfig: _c, strategies: _s, files: _f, digest: _d, organization, ...rest } = state;
  const { units: _u, policies: _op, ...org } = organization ?? { units: [], policies: undefined };
  return { ...rest, organization: org };
}

/** An account key that now names another id: any reference to it, anywhere, resolves differently. */
function renumbered(before: DesiredState, after: DesiredState): boolean {
  const ids = new Map(before.accounts.map((a) => [a.key, a.id]));
  return after.accounts.some((a) => ids.has(a.key) && ids.get(a.key) !== undefined && ids.get(a.key) !== a.id);
}

function differingKeys(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): Set<string> {
  const out = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) out.add(key);
  return out;
}

/**
 * Adds the accounts whose roles trust a role that appears, disappears or moves (path):
 * a trust naming a role that is replaced becomes a dangling unique id in IAM, which
 * only a plan of the trusting account shows.
 */
function withTrustingAccounts(state: DesiredState, pairs: Pairs, changed: Set<string>, roles: Set<string>): Set<string> {
  const out = new Set(changed);
  // A trust may name the account by its id and the role in any case: both are the same role.
  // Memoized: a role targeting thousands of accounts repeats the same few trust entries.
  const keys = new Map<string, string>();
  const keyOf = (entry: string): string => {
    let key = keys.get(entry);
    if (key === undefined) {
      const [ref = "", ...name] = entry.split("/");
      key = `${accountKeyOf(state, ref) ?? ref}/${name.join("/")}`.toLowerCase();
      keys.set(entry, key);
    }
    return key;
  };
  for (const { account, role } of pairs) {
    if ((role.trust?.roles ?? []).some((r) => roles.has(keyOf(r)))) out.add(account.key);
  }
  return out;
}

/** "<account key>/<role name>" (lower-cased: IAM names ignore case) → the role's spelling and path. */
function roleIdentities(pairs: Pairs): Map<string, string> {
  return new Map(pairs.map(({ account, role }) => [`${account.key}/${role.name}`.toLowerCase(), `${role.path}${role.name}`]));
}

function accountResources(state: DesiredState): Map<string, string> {
  return new Map(state.accounts.map((a) => [a.key, comparable(a)]));
}
