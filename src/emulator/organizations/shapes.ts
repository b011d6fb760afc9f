// How organization entities look on the wire (ARNs, paths, epoch-second timestamps).
import type { CreateAccountRequestRecord, OrgAccount, OrgUnit, Organization } from "./state.js";
import { ROOT_NAME } from "./state.js";
import { rootPolicyTypes } from "./policies/shapes.js";

const arnBase = (org: Organization) => `arn:aws:organizations::${org.managementAccountId}`;
/** awsJson timestamps are epoch seconds. */
export const epochSeconds = (ms: number) => ms / 1000;

export function managementEmail(org: Organization): string | undefined {
  return org.accounts.get(org.managementAccountId)?.email;
}

export function organizationShape(org: Organization) {
  return {
    Id: org.id,
    Arn: `${arnBase(org)}:organization/${org.id}`,
    FeatureSet: org.featureSet,
    MasterAccountArn: `${arnBase(org)}:account/${org.id}/${org.managementAccountId}`,
    MasterAccountId: org.managementAccountId,
    MasterAccountEmail: managementEmail(org),
    // Deprecated in AWS's model ("use ListRoots"); AWS still reports the SCP type's status here.
    AvailablePolicyTypes: rootPolicyTypes(org).filter((t) => t.Type === "SERVICE_CONTROL_POLICY"),
  };
}

export function rootShape(org: Organization) {
  return { Id: org.rootId, Arn: `${arnBase(org)}:root/${org.id}/${org.rootId}`, Name: ROOT_NAME, PolicyTypes: rootPolicyTypes(org) };
}

/** Ids from the root down to (and including) the given parent. */
export function ancestry(org: Organization, parentId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = parentId; id && id !== org.rootId; id = org.units.get(id)?.parentId) chain.unshift(id);
  return [org.rootId, ...chain];
}

function pathTo(org: Organization, parentId: string): string {
  return `${org.id}/${ancestry(org, parentId).join("/")}/`;
}

export function unitShape(org: Organization, unit: OrgUnit) {
  return {
    Id: unit.id,
    Arn: `${arnBase(org)}:ou/${org.id}/${unit.id}`,
    Name: unit.name,
    Path: `${pathTo(org, unit.parentId)}${unit.id}/`,
  };
}

export function accountShape(org: Organization, account: OrgAccount) {
  return {
    Id: account.id,
    Arn: `${arnBase(org)}:account/${org.id}/${account.id}`,
    Email: account.email,
    Name: account.name,
    Status: account.status,
    State: account.status,
    Paths: [`${pathTo(org, account.parentId)}${account.id}/`],
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: epochSeconds(account.joinedAt),
  };
}

export function createStatusShape(request: CreateAccountRequestRecord) {
  return {
    Id: request.id,
    AccountName: request.accountName,
    State: request.state,
    RequestedTimestamp: epochSeconds(request.requestedAt),
    CompletedTimestamp: request.completedAt === undefined ? undefined : epochSeconds(request.completedAt),
    AccountId: request.accountId,
    FailureReason: request.failureReason,
  };
}
