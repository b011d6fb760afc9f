// Which declared roles each declared IAM group lets its members assume: the group's inline
// policies and the customer managed policies the YAML declares and attaches to it, read
// with the policy language's own statement rules (src/policy/), and the grants policy orgctl
// writes for trusts that name the group with grant: true. Conditions are the
// session's business (MFA, source IP), so an Allow counts whatever its condition and a
// Deny only when it has none. AWS managed policies are not read (profiles works offline).
import { callerKey, grantIndex } from "../model/grants/callers.js";
import { grantPolicy } from "../model/grants/policy.js";
import { substitute, type ReferenceLookup } from "../model/references/substitute.js";
import { expandRoles, targetAccounts } from "../model/targets.js";
import type { AccountSpec, DesiredState, GroupSpec, PolicyDocument } from "../model/types.js";
import { statementApplies, statementsOf, type Statement } from "../policy/statements.js";

/** One group, in one account, that lets its members assume a role. */
export interface GroupGrant {
  /** Account key of the group (where its members sign in). */
  account: string;
  accountId: string;
  group: string;
  members: string[];
}

/** Role ARN → the groups that may assume it. */
export function groupGrants(state: DesiredState): Map<string, GroupGrant[]> {
  const arnOfRole = new Map(
    expandRoles(state).flatMap(({ account, role }) => (account.id === undefined ? [] : [[`${account.key}/${role.name.toLowerCase()}`, `arn:aws:iam::${account.id}:role${role.path}${role.name}`] as const])),
  );
  const roleArns = [...new Set(arnOfRole.values())];
  const grants = new Map<string, GroupGrant[]>();
  const granted = grantIndex(state);
  for (const group of state.groups) {
    for (const account of targetAccounts(state.accounts, group.targets)) {
      if (account.id === undefined) continue;
      const lookup: ReferenceLookup = (ref) => {
        if (ref.kind === "account") return state.accounts.find((a) => a.key === ref.account)?.id;
        if (ref.kind === "role") return arnOfRole.get(`${ref.account}/${ref.name.toLowerCase()}`);
        return undefined;
      };
      const grantsPolicy = grantPolicy(granted.get(callerKey({ kind: "group", account: account.key, name: group.name })) ?? []);
      const documents = [...documentsOf(state, group, account), ...(grantsPolicy ? [grantsPolicy] : [])];
      const statements = documents.flatMap((doc) => statementsOf(JSON.stringify(substitute(doc, lookup).value)));
      for (const arn of roleArns.filter((r) => mayAssume(statements, r))) {
        grants.set(arn, [...(grants.get(arn) ?? []), { account: account.key, accountId: account.id, group: group.name, members: [...group.members] }]);
      }
    }
  }
  return grants;
}

function mayAssume(statements: Statement[], roleArn: string): boolean {
  const request = { action: "sts:AssumeRole", resource: roleArn, context: new Map<string, string[]>() };
  const allowed = statements.some((s) => statementApplies({ ...s, Condition: undefined }, "Allow", request));
  return allowed && !statements.some((s) => s.Condition === undefined && statementApplies(s, "Deny", request));
}

/** The group's inline documents and those of the declared customer managed policies it attaches in this account. */
function documentsOf(state: DesiredState, group: GroupSpec, account: AccountSpec): PolicyDocument[] {
  const attached = state.policies.filter((p) => {
    if (!targetAccounts(state.accounts, p.targets).some((a) => a.key === account.key)) return false;
    const arn = `arn:aws:iam::${account.id}:policy${p.path}${p.name}`;
    const names = [`\${policy:${p.name}}`, `\${policy:${account.key}/${p.name}}`].map((n) => n.toLowerCase());
    return group.managedPolicies.some((m) => m === arn || names.includes(m.toLowerCase()));
  });
  return [...Object.values(group.inlinePolicies), ...attached.map((p) => p.document)];
}
