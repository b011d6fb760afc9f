// How policies, their targets and the root's policy types look on the wire (botocore
// organizations service-2.json: Policy, PolicySummary, PolicyTargetSummary, PolicyTypeSummary).
import type { Organization } from "../state.js";
import type { OrgPolicy } from "./store.js";

export function policyArn(org: Organization, policy: OrgPolicy): string {
  const type = policy.type.toLowerCase();
  return policy.awsManaged ? `arn:aws:organizations::aws:policy/${type}/${policy.id}` : `arn:aws:organizations::${org.managementAccountId}:policy/${org.id}/${type}/${policy.id}`;
}

export function policySummary(org: Organization, policy: OrgPolicy) {
  return { Id: policy.id, Arn: policyArn(org, policy), Name: policy.name, Description: policy.description, Type: policy.type, AwsManaged: policy.awsManaged };
}

export function policyShape(org: Organization, policy: OrgPolicy) {
  return { PolicySummary: policySummary(org, policy), Content: policy.content };
}

/** The root's PolicyTypes: every enabled type, ENABLED (the emulator enables at once). */
export function rootPolicyTypes(org: Organization) {
  return [...org.policies.enabledTypes].map((Type) => ({ Type, Status: "ENABLED" as const }));
}

export function targetSummary(org: Organization, targetId: string) {
  const base = `arn:aws:organizations::${org.managementAccountId}`;
  if (targetId === org.rootId) return { TargetId: targetId, Arn: `${base}:root/${org.id}/${targetId}`, Name: "Root", Type: "ROOT" as const };
  const unit = org.units.get(targetId);
  if (unit) return { TargetId: targetId, Arn: `${base}:ou/${org.id}/${targetId}`, Name: unit.name, Type: "ORGANIZATIONAL_UNIT" as const };
  const account = org.accounts.get(targetId);
  return { TargetId: targetId, Arn: `${base}:account/${org.id}/${targetId}`, Name: account?.name ?? targetId, Type: "ACCOUNT" as const };
}
