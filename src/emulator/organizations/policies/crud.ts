// CreatePolicy, UpdatePolicy, DeletePolicy, DescribePolicy and ListPolicies. A policy can be
// created whether or not its type is enabled (only attaching needs that); names are unique
// within a type; AWS managed policies cannot be changed or deleted.
import { LIMITS } from "../../../policy/org/types.js";
import { AwsError } from "../../types.js";
import { requireManagement, type Call } from "../access.js";
import { checkString, optionalString, requiredString, tagList } from "../input.js";
import { paginate } from "../pagination.js";
import { ids, type Organization } from "../state.js";
import { checkTagCount, checkUserTagKeys } from "../tags.js";
import { checkContent } from "./content.js";
import { immutable, policyType, requirePolicy } from "./input.js";
import { policyShape, policySummary } from "./shapes.js";
import type { OrgPolicy } from "./store.js";

const NAME_RULE = { min: 1, max: 128 };
const DESCRIPTION_RULE = { max: 512 };

function rejectDuplicateName(org: Organization, policy: Pick<OrgPolicy, "type" | "name">, except?: string): void {
  for (const other of org.policies.policies.values()) {
    if (other.id !== except && other.type === policy.type && other.name === policy.name) {
      throw new AwsError("DuplicatePolicyException", "A policy with the same name already exists.");
    }
  }
}

export function requireAllFeatures(org: Organization): void {
  if (org.featureSet !== "ALL") {
    throw new AwsError("PolicyTypeNotAvailableForOrganizationException", "You can't use the specified policy type with the feature set currently enabled for this organization.");
  }
}

export function createPolicy(call: Call) {
  const org = requireManagement(call);
  const type = policyType(call.input, "Type");
  const name = checkString("Name", requiredString(call.input, "Name"), NAME_RULE);
  const description = checkString("Description", requiredString(call.input, "Description"), DESCRIPTION_RULE);
  const content = checkContent(type, requiredString(call.input, "Content"));
  const tags = tagList(call.input, "Tags");
  checkUserTagKeys(tags.map((t) => t.Key));
  checkTagCount(tags.length);
  requireAllFeatures(org);
  rejectDuplicateName(org, { type, name });
  const ofType = [...org.policies.policies.values()].filter((p) => p.type === type && !p.awsManaged).length;
  if (ofType >= LIMITS[type].maxInOrganization) {
    throw new AwsError("ConstraintViolationException", "You have reached the maximum number of policies of this type in the organization.", 400, { Reason: "POLICY_NUMBER_LIMIT_EXCEEDED" });
  }
  const policy: OrgPolicy = { id: ids.policy(call.world), name, description, type, content, awsManaged: false, targets: new Set() };
  org.policies.policies.set(policy.id, policy);
  if (tags.length) org.tags.set(policy.id, tags);
  return { Policy: policyShape(org, policy) };
}

export function updatePolicy(call: Call) {
  const org = requireManagement(call);
  const policy = requirePolicy(org, call.input);
  if (policy.awsManaged) throw immutable();
  const name = optionalString(call.input, "Name");
  const description = optionalString(call.input, "Description");
  const content = optionalString(call.input, "Content");
  if (name !== undefined) {
    checkString("Name", name, NAME_RULE);
    rejectDuplicateName(org, { type: policy.type, name }, policy.id);
  }
  if (description !== undefined) checkString("Description", description, DESCRIPTION_RULE);
  if (content !== undefined) checkContent(policy.type, content);
  if (name !== undefined) policy.name = name;
  if (description !== undefined) policy.description = description;
  if (content !== undefined) policy.content = content;
  return { Policy: policyShape(org, policy) };
}

export function deletePolicy(call: Call) {
  const org = requireManagement(call);
  const policy = requirePolicy(org, call.input);
  if (policy.awsManaged) throw immutable();
  if (policy.targets.size > 0) {
    throw new AwsError("PolicyInUseException", "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.");
  }
  org.policies.policies.delete(policy.id);
  org.tags.delete(policy.id);
  return {};
}

export function describePolicy(call: Call) {
  const org = requireManagement(call);
  return { Policy: policyShape(org, requirePolicy(org, call.input)) };
}

export function listPolicies(call: Call) {
  const org = requireManagement(call);
  const type = policyType(call.input, "Filter");
  const all = [...org.policies.policies.values()].filter((p) => p.type === type);
  const page = paginate(all, call.input, `ListPolicies/${type}`);
  return { Policies: page.items.map((p) => policySummary(org, p)), NextToken: page.nextToken };
}
