// What the organization holds beyond its tree: its policies and where they are attached,
// the policy types enabled on the root, delegated administrators and the services trusted
// with access. The AWS managed guardrails (FullAWSAccess, RCPFullAWSAccess) are in every
// organization; they are attached to the root, every OU and every account while their type
// is enabled (Organizations User Guide, "Service control policies"/"Resource control policies").
import { AWS_MANAGED, isGuardrailType, type PolicyType } from "../../../policy/org/types.js";

export interface OrgPolicy {
  id: string;
  name: string;
  description: string;
  type: PolicyType;
  content: string;
  awsManaged: boolean;
  /** Root, OU and account ids it is attached to, in attachment order. */
  targets: Set<string>;
}

export interface PolicyStore {
  /** By id, in creation order (AWS managed first). */
  policies: Map<string, OrgPolicy>;
  /** Types enabled on the root, in the order they were enabled. */
  enabledTypes: Set<PolicyType>;
  /** Account id → service principal → wall-clock ms the delegation was registered. */
  delegatedAdmins: Map<string, Map<string, number>>;
  /** Service principal → wall-clock ms its access was enabled. */
  serviceAccess: Map<string, number>;
}

export function newPolicyStore(): PolicyStore {
  const policies = new Map<string, OrgPolicy>();
  for (const [type, managed] of Object.entries(AWS_MANAGED)) {
    if (!isGuardrailType(type)) continue;
    policies.set(managed.id, { id: managed.id, name: managed.name, description: managed.description, type, content: managed.content, awsManaged: true, targets: new Set() });
  }
  return { policies, enabledTypes: new Set(), delegatedAdmins: new Map(), serviceAccess: new Map() };
}

/** Policies of a type attached directly to a target, in attachment order. */
export function attachedTo(store: PolicyStore, targetId: string, type?: PolicyType): OrgPolicy[] {
  return [...store.policies.values()].filter((p) => p.targets.has(targetId) && (type === undefined || p.type === type));
}

/** A new OU or account gets the AWS managed guardrail of every enabled guardrail type, as in AWS. */
export function attachDefaults(store: PolicyStore, targetId: string): void {
  for (const type of store.enabledTypes) {
    if (isGuardrailType(type)) store.policies.get(AWS_MANAGED[type].id)!.targets.add(targetId);
  }
}

/** A target that is gone (a deleted OU) keeps no attachments. */
export function forgetTarget(store: PolicyStore, targetId: string): void {
  for (const policy of store.policies.values()) policy.targets.delete(targetId);
}
