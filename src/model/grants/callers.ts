// Who a grant gives what: a role whose trust says `grant: true` gives every caller its trust
// names (a role or group this desired state declares) sts:AssumeRole on exactly that role,
// in every account the role is deployed to. Both sides come from the one trust declaration,
// so the caller's permission cannot drift from the trust that needs it.
import { accountKeyOf, expandRoles, targetAccounts } from "../targets.js";
import type { DesiredState } from "../types.js";

export type CallerKind = "role" | "group";

/** One deployed role that trusts a caller with a grant: `account` is an account key. */
export interface GrantedRole {
  account: string;
  name: string;
}

/** A caller as a trust names it: "<account key or id>/<name>", resolved to the account key. */
export interface Caller {
  kind: CallerKind;
  account: string;
  name: string;
}

/** The key a caller is looked up by: IAM names compare case-insensitively. */
export const callerKey = (c: Caller): string => `${c.kind}:${c.account}/${c.name.toLowerCase()}`;

type State = Pick<DesiredState, "accounts" | "roles" | "groups">;

/** The callers one trust names that a grant can reach, as written (not checked against the state). */
export function grantCallers(state: Pick<DesiredState, "accounts">, trust: { roles: string[]; groups?: string[] }): Caller[] {
  const parse = (kind: CallerKind, entry: string): Caller[] => {
    if (entry.startsWith("arn:")) return [];
    const [ref, name, ...rest] = entry.split("/");
    const account = ref === undefined ? undefined : accountKeyOf(state, ref);
    return account === undefined || !name || rest.length > 0 ? [] : [{ kind, account, name }];
  };
  return [...trust.roles.flatMap((r) => parse("role", r)), ...(trust.groups ?? []).flatMap((g) => parse("group", g))];
}

/**
 * Every caller's granted roles, by callerKey: sorted by account then name, each once. Built
 * once per plan (the trusting roles may be deployed to thousands of accounts).
 */
export function grantIndex(state: State): Map<string, GrantedRole[]> {
  return new Map(grantedCallers(state).map(({ caller, roles }) => [callerKey(caller), roles]));
}

/** Each caller that some trust grants, with its granted roles (sorted by account then name, each once). */
export function grantedCallers(state: State): { caller: Caller; roles: GrantedRole[] }[] {
  const out = new Map<string, { caller: Caller; roles: Map<string, GrantedRole> }>();
  // Once per role, not per account it is in: each trust entry is looked up among all accounts.
  const callersOf = new Map<object, Caller[]>();
  for (const { account, role } of expandRoles(state)) {
    if (!role.trust?.grant) continue;
    let callers = callersOf.get(role);
    if (!callers) callersOf.set(role, (callers = grantCallers(state, role.trust)));
    for (const caller of callers) {
      const key = callerKey(caller);
      const entry = out.get(key) ?? { caller, roles: new Map<string, GrantedRole>() };
      entry.roles.set(`${account.key}/${role.name.toLowerCase()}`, { account: account.key, name: role.name });
      out.set(key, entry);
    }
  }
  const byPlace = (a: GrantedRole, b: GrantedRole) => compare(a.account, b.account) || compare(a.name, b.name);
  return [...out.values()].map(({ caller, roles }) => ({ caller, roles: [...roles.values()].sort(byPlace) }));
}

/** Whether the state puts a group with this name (case-insensitively) in that account. */
export function declaresGroup(state: Pick<DesiredState, "accounts" | "groups">, account: string, name: string): boolean {
  return state.groups.some((g) => g.name.toLowerCase() === name.toLowerCase() && targetAccounts(state.accounts, g.targets).some((a) => a.key === account));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
