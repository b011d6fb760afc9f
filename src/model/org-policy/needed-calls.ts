// The calls orgctl makes in a member account, as the lockout guard asks about them: AssumeRole
// into the access role (by the management account's caller), then, as the access role, the
// reads every plan makes and the writes for the roles and AppConfig applications the desired
// state puts in that account. Actions follow the README's "Minimal permissions" list.
import type { NeededCall } from "../../policy/org/lockout.js";
import { expandRoles } from "../targets.js";
import type { DesiredState } from "../types.js";

const IAM_REGION = "us-east-1";
const ROLE_WRITES = ["iam:CreateRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:TagRole", "iam:UntagRole", "iam:DeleteRole"];
const APP_WRITES = ["appconfig:CreateApplication", "appconfig:CreateEnvironment", "appconfig:CreateConfigurationProfile", "appconfig:CreateHostedConfigurationVersion", "appconfig:StartDeployment"];

export interface AccountRef {
  key: string;
  /** The account's id, or a placeholder for one orgctl has yet to create. */
  id: string;
}

export function neededCalls(state: Pick<DesiredState, "organization" | "accounts" | "roles" | "appconfig">, account: AccountRef, managementCaller: string): NeededCall[] {
  const accessRole = state.organization?.accessRole ?? "OrganizationAccountAccessRole";
  const asRole = `arn:aws:iam::${account.id}:role/${accessRole}`;
  const calls: NeededCall[] = [
    { action: "sts:AssumeRole", resource: asRole, principalArn: managementCaller, region: IAM_REGION },
    { action: "iam:GetAccountAuthorizationDetails", resource: "*", principalArn: asRole, region: IAM_REGION },
    { action: "iam:ListRoles", resource: `arn:aws:iam::${account.id}:role/`, principalArn: asRole, region: IAM_REGION },
  ];
  for (const { account: a, role } of expandRoles(state)) {
    if (a.key !== account.key) continue;
    const arn = `arn:aws:iam::${account.id}:role${role.path}${role.name}`;
    for (const action of ROLE_WRITES) calls.push({ action, resource: arn, principalArn: asRole, region: IAM_REGION });
  }
  const regions = new Set(state.appconfig.filter((app) => app.account === account.key || app.account === account.id).map((app) => app.region));
  for (const region of regions) {
    calls.push({ action: "appconfig:ListApplications", resource: "*", principalArn: asRole, region });
    for (const action of APP_WRITES) calls.push({ action, resource: action === "appconfig:CreateApplication" ? "*" : `arn:aws:appconfig:${region}:${account.id}:application/*`, principalArn: asRole, region });
  }
  return calls;
}
