// Which policies sit directly on each root, OU and account, per type, once the desired state
// is applied: the declared policies' targets, plus the AWS managed FullAWSAccess /
// RCPFullAWSAccess on every target of an enabled guardrail type unless the YAML replaces it
// there. The attachment limits (src/config/org-policy-rules/attachments.ts) and the lockout
// guard (guard.ts) both read it.
import { AWS_MANAGED, isGuardrailType, type PolicyType } from "../../policy/org/types.js";
import type { NamedPolicy } from "../../policy/org/evaluate.js";
import type { AccountSpec, DesiredState } from "../types.js";
import { desiredPolicyTypes, policyText, type OrgPoliciesSpec, type PolicyTargets } from "./spec.js";

/** A target as orgctl names it: the root, a unit path, or an account key. */
export type TargetRef = { kind: "root" } | { kind: "unit"; path: string } | { kind: "account"; key: string };

export function targetLabel(t: TargetRef): string {
  return t.kind === "root" ? "Root" : t.kind === "unit" ? t.path : `account ${t.key}`;
}

function names(targets: PolicyTargets, t: TargetRef, account?: AccountSpec): boolean {
  if (t.kind === "root") return targets.root;
  if (t.kind === "unit") return targets.units.includes(t.path);
  return targets.accounts.includes(t.key) || (account?.id !== undefined && targets.accounts.includes(account.id));
}

export interface Placement {
  target: TargetRef;
  type: PolicyType;
  policies: NamedPolicy[];
}

/** Every target of the desired organization, root first, then units, then accounts. */
export function everyTarget(state: Pick<DesiredState, "organization" | "accounts">): TargetRef[] {
  return [
    { kind: "root" },
    ...(state.organization?.units ?? []).map((u): TargetRef => ({ kind: "unit", path: u.path })),
    ...state.accounts.map((a): TargetRef => ({ kind: "account", key: a.key })),
  ];
}

/** The policies of `type` directly on `target`. */
export function placedOn(state: Pick<DesiredState, "accounts">, spec: OrgPoliciesSpec, target: TargetRef, type: PolicyType): NamedPolicy[] {
  const account = target.kind === "account" ? state.accounts.find((a) => a.key === target.key) : undefined;
  const placed: NamedPolicy[] = [];
  if (isGuardrailType(type) && desiredPolicyTypes(spec).has(type) && !names(spec.managedDetachedFrom[type] ?? { root: false, units: [], accounts: [] }, target, account)) {
    placed.push({ name: AWS_MANAGED[type].name, content: AWS_MANAGED[type].content });
  }
  for (const p of spec.policies) {
    if (p.type === type && names(p.targets, target, account)) placed.push({ name: p.name, content: policyText(p.document) });
  }
  return placed;
}

/** Every (target, type) with what is placed on it, for the types in use. */
export function placements(state: Pick<DesiredState, "organization" | "accounts">, spec: OrgPoliciesSpec): Placement[] {
  const types = new Set<PolicyType>([...desiredPolicyTypes(spec), ...spec.policies.map((p) => p.type)]);
  return everyTarget(state).flatMap((target) => [...types].map((type) => ({ target, type, policies: placedOn(state, spec, target, type) })));
}
