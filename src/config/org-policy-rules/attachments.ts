// AWS's rules for what is attached to one root, OU or account, checked on the planned
// attachments at validate:
// - at most LIMITS[type].maxPerTarget policies of a type on one target (AWS Organizations
//   User Guide, "Managing organization policies", "Maximum number you can attach to a root,
//   OU, or account": SCP 5, RCP 5, AI services opt-out 5, tag 10, backup 10);
// - while SCPs (or RCPs) are enabled every target keeps at least one of them (AttachPolicy /
//   DetachPolicy API Reference: ConstraintViolationException MIN_POLICY_TYPE_ATTACHMENT_LIMIT_
//   EXCEEDED, "attempting to remove the last service control policy (SCP) from an OU or
//   root"), so FullAWSAccess stays unless the YAML puts another guardrail in its place.
import { isGuardrailType, LIMITS, typeLabel, type PolicyType } from "../../policy/org/types.js";

export interface TargetAttachments {
  /** How the target reads in messages: "Root", "Workloads/Dev", "account development". */
  target: string;
  type: PolicyType;
  /** Names of the policies of `type` that would be attached directly to it. */
  policies: string[];
}

export interface AttachmentFinding {
  target: string;
  type: PolicyType;
  message: string;
}

export function attachmentFindings(targets: TargetAttachments[], enabledTypes: ReadonlySet<PolicyType>): AttachmentFinding[] {
  const findings: AttachmentFinding[] = [];
  for (const { target, type, policies } of targets) {
    const max = LIMITS[type].maxPerTarget;
    if (policies.length > max) {
      findings.push({ target, type, message: `${target} would have ${policies.length} ${typeLabel(type)} attachments (${policies.join(", ")}); AWS allows at most ${max} per root, OU or account` });
    }
    if (policies.length === 0 && isGuardrailType(type) && enabledTypes.has(type)) {
      findings.push({ target, type, message: `${target} would have no ${typeLabel(type)} attached; while the type is enabled AWS keeps at least one on every root, OU and account (keep ${type === "SERVICE_CONTROL_POLICY" ? "FullAWSAccess" : "RCPFullAWSAccess"} or attach another)` });
    }
  }
  return findings;
}
