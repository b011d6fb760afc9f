// AttachPolicy, DetachPolicy, ListPoliciesForTarget, ListTargetsForPolicy. A policy attaches
// only while its type is enabled on the root; at most LIMITS[type].maxPerTarget policies of a
// type sit on one target; a target keeps at least one policy of an enabled guardrail type
// (the last SCP cannot be detached: MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED), and
// RCPFullAWSAccess cannot be detached at all (NON_DETACHABLE_POLICY).
import { AWS_MANAGED, isGuardrailType, LIMITS } from "../../../policy/org/types.js";
import { AwsError } from "../../types.js";
import { requireManagement, type Call } from "../access.js";
import { invalidInput } from "../input.js";
import { paginate } from "../pagination.js";
import { policyType, requirePolicy, requireTarget } from "./input.js";
import { policySummary, targetSummary } from "./shapes.js";
import { attachedTo } from "./store.js";

export function attachPolicy(call: Call) {
  const org = requireManagement(call);
  const policy = requirePolicy(org, call.input);
  const targetId = requireTarget(org, call.input);
  if (!org.policies.enabledTypes.has(policy.type)) {
    throw new AwsError("PolicyTypeNotEnabledException", "This operation can be performed only for enabled policy types.");
  }
  if (policy.targets.has(targetId)) throw new AwsError("DuplicatePolicyAttachmentException", "The selected policy is already attached to the specified target.");
  if (attachedTo(org.policies, targetId, policy.type).length >= LIMITS[policy.type].maxPerTarget) {
    throw new AwsError("ConstraintViolationException", "You attempted to exceed the number of policies of a certain type that can be attached to an entity at one time.", 400, {
      Reason: "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    });
  }
  policy.targets.add(targetId);
  return {};
}

export function detachPolicy(call: Call) {
  const org = requireManagement(call);
  const policy = requirePolicy(org, call.input);
  const targetId = requireTarget(org, call.input);
  if (policy.id === AWS_MANAGED.RESOURCE_CONTROL_POLICY.id) throw invalidInput("NON_DETACHABLE_POLICY", "You can't detach this AWS Managed Policy.");
  if (!policy.targets.has(targetId)) throw new AwsError("PolicyNotAttachedException", "The policy isn't attached to the specified target in the specified root.");
  if (isGuardrailType(policy.type) && attachedTo(org.policies, targetId, policy.type).length <= 1) {
    throw new AwsError("ConstraintViolationException", "You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.", 400, {
      Reason: "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    });
  }
  policy.targets.delete(targetId);
  return {};
}

export function listPoliciesForTarget(call: Call) {
  const org = requireManagement(call);
  const targetId = requireTarget(org, call.input);
  const type = policyType(call.input, "Filter");
  const page = paginate(attachedTo(org.policies, targetId, type), call.input, `ListPoliciesForTarget/${targetId}/${type}`);
  return { Policies: page.items.map((p) => policySummary(org, p)), NextToken: page.nextToken };
}

export function listTargetsForPolicy(call: Call) {
  const org = requireManagement(call);
  const policy = requirePolicy(org, call.input);
  const page = paginate([...policy.targets], call.input, `ListTargetsForPolicy/${policy.id}`);
  return { Targets: page.items.map((id) => targetSummary(org, id)), NextToken: page.nextToken };
}
