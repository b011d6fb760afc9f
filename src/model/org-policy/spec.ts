// What the YAML says about the organization's policies, delegated administrators and trusted
// services (organization.policies, organization.fullAWSAccess, …), after loading: documents
// parsed (inline or from a file), targets in the roles' targeting style.
import type { GuardrailType, PolicyType } from "../../policy/org/types.js";
import type { Loc, Tags } from "../basics.js";

/** Where a policy is attached: the root, units (by path; not their descendants) and accounts (by key or id). */
export interface PolicyTargets {
  root: boolean;
  units: string[];
  accounts: string[];
}

export interface OrgPolicySpec {
  name: string;
  type: PolicyType;
  description: string;
  /** The parsed document; orgctl sends it as compact JSON (policyText). Undefined when it could not be read. */
  document: unknown;
  /** The JSON file the document came from, as the YAML names it; absent for inline content. */
  file?: string;
  tags: Tags;
  targets: PolicyTargets;
  /** Take over a live policy of the same type and name that orgctl does not manage yet. */
  adopt: boolean;
  loc: Loc;
}

export interface DelegatedAdminSpec {
  /** Account key or 12-digit id. */
  account: string;
  servicePrincipal: string;
  loc: Loc;
}

export interface OrgPoliciesSpec {
  /** Types to enable on the root besides those the policies need. */
  enable: PolicyType[];
  /** Types to disable: the only way orgctl ever disables one. */
  disable: PolicyType[];
  policies: OrgPolicySpec[];
  /** Where the AWS managed FullAWSAccess / RCPFullAWSAccess is replaced (detached); attached everywhere else. */
  managedDetachedFrom: Partial<Record<GuardrailType, PolicyTargets>>;
  delegatedAdministrators: DelegatedAdminSpec[];
  trustedServices: string[];
}

export const NO_TARGETS: PolicyTargets = { root: false, units: [], accounts: [] };

/** The text orgctl sends for a document: compact JSON, so the size AWS counts is the smallest. */
export function policyText(document: unknown): string {
  return JSON.stringify(document);
}

/** The types that end up enabled: those asked for and those of declared policies, less those to disable. */
export function desiredPolicyTypes(spec: OrgPoliciesSpec): Set<PolicyType> {
  const types = new Set<PolicyType>([...spec.enable, ...spec.policies.map((p) => p.type)]);
  for (const t of spec.disable) types.delete(t);
  return types;
}
