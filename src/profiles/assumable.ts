// Which account × role pairs people assume: roles whose trust lets an account's root
// principal (any authorised user of that account) call sts:AssumeRole. Roles trusted
// only by services or by other roles are for machines and are left out. Each role also
// names the declared IAM groups whose policies let their members assume it (when the
// role trusts the group's account), so people can see, or pick, the roles their groups give.
import { normalizePolicy } from "../engine/policy.js";
import { expandRoles } from "../model/targets.js";
import { trustPolicy } from "../model/trust.js";
import type { AccountSpec, DesiredState, PolicyStatement, RoleSpec } from "../model/types.js";
import { groupGrants, type GroupGrant } from "./group-grants.js";

const ACCOUNT_ID = /^\d{12}$/;
const ROOT_ARN = /^arn:aws:iam::(\d{12}):root$/;
const MFA_KEY = "aws:MultiFactorAuthPresent";

export interface AssumableRole {
  account: AccountSpec;
  role: RoleSpec;
  accountId: string;
  roleArn: string;
  requireMfa: boolean;
  externalId?: string;
  /** Ids of the accounts whose users may assume the role (where their MFA devices live). */
  trustedAccounts: string[];
  /** Declared groups whose policies let their members assume the role, in accounts it trusts. */
  groups: GroupGrant[];
}

export interface Assumable {
  roles: AssumableRole[];
  /** Accounts that have no id yet (orgctl will create them): nothing to assume there. */
  skippedAccounts: string[];
}

export function assumableRoles(state: DesiredState): Assumable {
  const idOf = (ref: string) => (ACCOUNT_ID.test(ref) ? ref : state.accounts.find((a) => a.key === ref)?.id ?? "000000000000");
  const roles: AssumableRole[] = [];
  const skipped = new Set<string>();
  const grants = groupGrants(state);
  for (const { account, role } of expandRoles(state)) {
    const trust = humanTrust(role, idOf);
    if (!trust) continue;
    if (account.id === undefined) {
      skipped.add(account.key);
      continue;
    }
    const roleArn = `arn:aws:iam::${account.id}:role${role.path}${role.name}`;
    const groups = (grants.get(roleArn) ?? []).filter((g) => trust.trustedAccounts.includes(g.accountId));
    roles.push({ account, role, accountId: account.id, roleArn, ...trust, groups });
  }
  return { roles, skippedAccounts: [...skipped] };
}

/** MFA counts as required only when every statement that lets an account in demands it. */
function humanTrust(role: RoleSpec, idOf: (ref: string) => string): Pick<AssumableRole, "requireMfa" | "externalId" | "trustedAccounts"> | undefined {
  const doc = normalizePolicy(role.trust ? trustPolicy(role.trust, idOf) : (role.assumeRolePolicy ?? { Statement: [] }));
  const grants = (doc.Statement as PolicyStatement[]).filter(lettingAccountsIn);
  if (grants.length === 0) return undefined;
  const conditions = grants.map((s) => (s.Condition ?? {}) as Record<string, Record<string, string[]>>);
  const requireMfa = conditions.every((c) => c.Bool?.[MFA_KEY]?.includes("true") || c.BoolIfExists?.[MFA_KEY]?.includes("true"));
  const externalId = conditions.map((c) => c.StringEquals?.["sts:ExternalId"]?.[0]).find((x) => x !== undefined);
  const trustedAccounts = [...new Set(grants.flatMap((s) => rootAccounts(s)))];
  return { requireMfa, trustedAccounts, ...(externalId !== undefined ? { externalId } : {}) };
}

function lettingAccountsIn(s: PolicyStatement): boolean {
  const actions = (s.Action ?? []) as string[];
  return s.Effect === "Allow" && actions.some((a) => ["sts:assumerole", "sts:*", "*"].includes(a.toLowerCase())) && rootAccounts(s).length > 0;
}

function rootAccounts(s: PolicyStatement): string[] {
  const principals = ((s.Principal as Record<string, string[]> | undefined)?.AWS ?? []) as string[];
  return principals.flatMap((p) => ROOT_ARN.exec(p)?.slice(1, 2) ?? []);
}
