// What each account holds according to one desired state, as comparable text: every IAM
// resource the YAML targets at it (roles, managed policies, groups, OIDC providers, the
// grants policy of a caller), and its AppConfig applications and strategies. Two states
// whose texts for an account are equal ask the same of that account.
import { grantedCallers } from "../../model/grants/callers.js";
import { expandRoles, targetAccounts } from "../../model/targets.js";
import type { DesiredState, RoleSpec, RoleTargets } from "../../model/types.js";
import { comparable } from "./comparable.js";

/** A trust reference that is already an account id rather than an account key. */
const ACCOUNT_ID = /^\d{12}$/;

export type Pairs = ReturnType<typeof expandRoles>;

/**
 * Per account key, the joined texts of what it has. Each resource is serialized once and
 * an account's text joins those of what it has (canonical JSON holds no raw newline, so the
 * joins cannot be confused): a role targeting thousands of accounts is not serialized
 * thousands of times.
 */
export function accountViews(state: DesiredState, pairs: Pairs): Map<string, string> {
  const ids = new Map(state.accounts.map((a) => [a.key, a.id]));
  const parts = new Map<string, string[]>();
  const add = (account: string, text: string) => {
    const list = parts.get(account);
    if (list) list.push(text);
    else parts.set(account, [text]);
  };
  const views = new Map(state.roles.map((role) => [role, comparable(roleView(ids, role))]));
  for (const { account, role } of pairs) add(account.key, views.get(role) ?? "");
  // The other IAM kinds target accounts the way roles do.
  const targeted: [string, { targets: RoleTargets }[]][] = [["policy", state.policies], ["group", state.groups], ["oidc-provider", state.oidcProviders]];
  for (const [kind, specs] of targeted) {
    for (const spec of specs) {
      const { targets, ...rest } = spec;
      const text = comparable({ kind, ...rest });
      for (const account of targetAccounts(state.accounts, targets)) add(account.key, text);
    }
  }
  // A caller's grants policy lists the roles that trust it in other accounts: it changes with them.
  const paths = new Map(pairs.map(({ account, role }) => [`${account.key}/${role.name}`, role.path]));
  for (const { caller, roles } of grantedCallers(state)) {
    add(caller.account, comparable({ grant: caller, roles: roles.map((r) => [r.account, ids.get(r.account) ?? null, paths.get(`${r.account}/${r.name}`) ?? "/", r.name]) }));
  }
  for (const app of state.appconfig) add(app.account, comparable({ kind: "application", ...app }));
  for (const strategy of state.strategies ?? []) add(strategy.account, comparable({ kind: "strategy", ...strategy }));
  const out = new Map<string, string>();
  for (const account of state.accounts) out.set(account.key, [JSON.stringify(account.id ?? null), ...(parts.get(account.key) ?? [])].join("\n"));
  return out;
}

/** A role as its accounts see it: targets are already applied, references resolve to ids. */
function roleView(ids: ReadonlyMap<string, string | undefined>, role: RoleSpec): unknown {
  const { targets: _targets, ...rest } = role;
  const refs = [...(role.trust?.accounts ?? []), ...(role.trust?.roles ?? []).map((r) => r.split("/")[0] ?? "")];
  return { kind: "role", ...rest, resolved: Object.fromEntries(refs.map((r) => [r, (ACCOUNT_ID.test(r) ? r : ids.get(r)) ?? null])) };
}
