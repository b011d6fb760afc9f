// Request members specific to policies: the policy type (INVALID_ENUM_POLICY_TYPE), policy
// ids and target ids with the patterns of botocore's model.
import { isPolicyType, type PolicyType } from "../../../policy/org/types.js";
import { AwsError } from "../../types.js";
import { invalidInput, requiredString, type Input } from "../input.js";
import type { Organization } from "../state.js";
import type { OrgPolicy } from "./store.js";

const POLICY_ID = /^p-[0-9a-zA-Z_]{8,128}$/;
const TARGET_ID = /^(r-[0-9a-z]{4,32}|\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

export function policyType(input: Input, name: string): PolicyType {
  const value = requiredString(input, name);
  if (!isPolicyType(value)) throw invalidInput("INVALID_ENUM_POLICY_TYPE", `You specified an invalid policy type string: ${value}.`);
  return value;
}

export function requirePolicy(org: Organization, input: Input): OrgPolicy {
  const id = requiredString(input, "PolicyId");
  if (!POLICY_ID.test(id)) throw invalidInput("INVALID_SYNTAX_POLICY_ID", "You specified an invalid policy ID.");
  const policy = org.policies.policies.get(id);
  if (!policy) throw new AwsError("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
  return policy;
}

/** The root, OU or account a policy attaches to; TargetNotFoundException when it is not in the organization. */
export function requireTarget(org: Organization, input: Input): string {
  const id = requiredString(input, "TargetId");
  if (!TARGET_ID.test(id)) throw invalidInput("INVALID_PATTERN_TARGET_ID", "You specified a policy target ID that doesn't match the required pattern.");
  if (id !== org.rootId && !org.units.has(id) && !org.accounts.has(id)) {
    throw new AwsError("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
  }
  return id;
}

export function immutable(): AwsError {
  return invalidInput("IMMUTABLE_POLICY", "You specified a policy that is managed by AWS and can't be modified.");
}
