// EnablePolicyType and DisablePolicyType on the root. Enabling a guardrail type attaches its
// AWS managed policy (FullAWSAccess / RCPFullAWSAccess) to the root, every OU and every
// account, so nothing is denied until a narrower policy is attached; disabling a type
// detaches every policy of that type everywhere (Organizations User Guide, "Enabling a policy
// type" / "Disabling a policy type").
import { AWS_MANAGED, isGuardrailType } from "../../../policy/org/types.js";
import { AwsError } from "../../types.js";
import { requireManagement, type Call } from "../access.js";
import { PATTERNS, requiredId } from "../input.js";
import { rootShape } from "../shapes.js";
import type { Organization } from "../state.js";
import { requireAllFeatures } from "./crud.js";
import { policyType } from "./input.js";

function requireRoot(org: Organization, call: Call): void {
  const rootId = requiredId(call.input, "RootId", PATTERNS.rootId);
  if (rootId !== org.rootId) throw new AwsError("RootNotFoundException", "We can't find a root with the RootId that you specified.");
}

export function enablePolicyType(call: Call) {
  const org = requireManagement(call);
  requireRoot(org, call);
  const type = policyType(call.input, "PolicyType");
  requireAllFeatures(org);
  if (org.policies.enabledTypes.has(type)) throw new AwsError("PolicyTypeAlreadyEnabledException", "The specified policy type is already enabled in the specified root.");
  org.policies.enabledTypes.add(type);
  if (isGuardrailType(type)) {
    const managed = org.policies.policies.get(AWS_MANAGED[type].id)!;
    for (const id of [org.rootId, ...org.units.keys(), ...org.accounts.keys()]) managed.targets.add(id);
  }
  return { Root: rootShape(org) };
}

export function disablePolicyType(call: Call) {
  const org = requireManagement(call);
  requireRoot(org, call);
  const type = policyType(call.input, "PolicyType");
  if (!org.policies.enabledTypes.has(type)) throw new AwsError("PolicyTypeNotEnabledException", "This operation can be performed only for enabled policy types.");
  org.policies.enabledTypes.delete(type);
  for (const policy of org.policies.policies.values()) if (policy.type === type) policy.targets.clear();
  return { Root: rootShape(org) };
}
