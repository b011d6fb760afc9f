// AWS's AccessDenied answer per service, in the wording of the IAM User Guide's
// "Troubleshooting access denied error messages": "User: <principal> is not authorized to
// perform: <action> on resource: <arn> because no <policy type> policy allows the <action>
// action" (implicit) or "… with an explicit deny in a <policy type> policy" (explicit).
// Organizations answers its modelled AccessDeniedException with its own fixed message.
import { AwsError, type Principal, type ServiceName } from "../types.js";
import type { DenialReason } from "./evaluate.js";

// A guardrail's explicit deny also names the denying policy's ARN, as AWS does within one
// organization (AWS Security Blog, "Enhanced access denied error messages with policy ARNs":
// "… with an explicit deny in a service control policy: arn:aws:organizations::…:policy/…").
const WHY: Record<DenialReason, (action: string) => string> = {
  "implicit-identity": (action) => `because no identity-based policy allows the ${action} action`,
  "explicit-identity": () => "with an explicit deny in an identity-based policy",
  "implicit-boundary": (action) => `because no permissions boundary allows the ${action} action`,
  "explicit-boundary": () => "with an explicit deny in a permissions boundary",
  "implicit-scp": (action) => `because no service control policy allows the ${action} action`,
  "explicit-scp": () => "with an explicit deny in a service control policy",
  "implicit-rcp": (action) => `because no resource control policy allows the ${action} action`,
  "explicit-rcp": () => "with an explicit deny in a resource control policy",
};

export function accessDeniedMessage(principal: Principal, action: string, resource: string, reason: DenialReason, policyArn?: string): string {
  const named = policyArn === undefined ? "" : `: ${policyArn}`;
  return `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${WHY[reason](action)}${named}`;
}

export function accessDenied(service: ServiceName, principal: Principal, action: string, resource: string, reason: DenialReason, policyArn?: string): AwsError {
  switch (service) {
    case "iam":
    case "sts":
      return new AwsError("AccessDenied", accessDeniedMessage(principal, action, resource, reason, policyArn), 403);
    case "appconfig":
      return new AwsError("AccessDeniedException", accessDeniedMessage(principal, action, resource, reason, policyArn), 403);
    case "organizations":
      return new AwsError("AccessDeniedException", "You don't have permissions to access this resource.", 403);
  }
}
