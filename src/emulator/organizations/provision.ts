// Puts an account into the organization: the world account, its membership record, its tags
// and (as AWS does for created accounts) the access role the management account can assume.
import { putRole } from "../iam/state.js";
import type { World } from "../types.js";
import { attachDefaults } from "./policies/store.js";
import type { AccountStatus, OrgAccount, Organization, Tag } from "./state.js";

export const DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";
const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

export interface NewMember {
  id: string;
  name: string;
  email: string;
  parentId: string;
  joinedMethod: OrgAccount["joinedMethod"];
  status?: AccountStatus;
  tags?: Tag[];
  /** Role to create in the account; null for none. */
  accessRole: string | null;
}

export function addMember(world: World, org: Organization, member: NewMember): OrgAccount {
  world.ensureAccount(member.id);
  const account: OrgAccount = {
    id: member.id,
    name: member.name,
    email: member.email,
    status: member.status ?? "ACTIVE",
    joinedMethod: member.joinedMethod,
    joinedAt: world.clock.wallNow(),
    parentId: member.parentId,
  };
  org.accounts.set(account.id, account);
  attachDefaults(org.policies, account.id);
  if (member.tags?.length) org.tags.set(account.id, [...member.tags]);
  if (member.accessRole) putRole(world, account.id, accessRole(member.accessRole, org.managementAccountId));
  return account;
}

function accessRole(roleName: string, managementAccountId: string) {
  const trust = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${managementAccountId}:root` }, Action: "sts:AssumeRole" }],
  };
  return { roleName, assumeRolePolicyDocument: JSON.stringify(trust), managedPolicyArns: [ADMINISTRATOR_ACCESS] };
}

export function emailTaken(org: Organization, email: string): boolean {
  const wanted = email.toLowerCase();
  for (const account of org.accounts.values()) if (account.email.toLowerCase() === wanted) return true;
  return false;
}
