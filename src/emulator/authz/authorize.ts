// The one authorization step between authentication and a service's handler: finds what the
// operation acts on, the caller's governing policies, evaluates them, and answers AWS's
// AccessDenied in the service's protocol when they do not allow the call. Operations the
// tables do not know fall through to the module, which answers them as unknown.
import { protocolError } from "../services.js";
import type { EmuRequest, EmuResponse, ServiceName, World } from "../types.js";
import { requestContext } from "./context.js";
import { accessDenied } from "./denial.js";
import { evaluate, type Decision, type DenialReason } from "./evaluate.js";
import { guardrailDenial, organizationKeys } from "./guardrails.js";
import { governingPolicies, type UserPolicyLookup } from "./principal-policies.js";
import { APPCONFIG_TARGETS } from "./resources/appconfig.js";
import { IAM_TARGETS } from "./resources/iam.js";
import { ORGANIZATIONS_TARGETS } from "./resources/organizations.js";
import { STS_TARGETS } from "./resources/sts.js";
import type { Target, TargetOf } from "./target.js";

const TARGETS: Record<ServiceName, Record<string, TargetOf>> = {
  iam: IAM_TARGETS,
  sts: STS_TARGETS,
  organizations: ORGANIZATIONS_TARGETS,
  appconfig: APPCONFIG_TARGETS,
};

function targetOf(world: World, request: EmuRequest, operation: string): Target | undefined {
  const table = TARGETS[request.service];
  if (!Object.hasOwn(table, operation)) return undefined;
  try {
    return table[operation]!(request, world);
  } catch {
    // A body the handler cannot parse either: let the handler report it in its own terms.
    return undefined;
  }
}

/**
 * Undefined when the call may proceed; otherwise the AccessDenied response to send. An
 * explicit Deny anywhere wins (a guardrail's first, as AWS evaluates them first); then a
 * guardrail that allows nothing; then the caller's own policies. An account's root user is
 * unrestricted by its own policies but not by its organization's guardrails.
 */
export function authorize(world: World, request: EmuRequest, operation: string, userPolicies?: UserPolicyLookup): EmuResponse | undefined {
  const target = targetOf(world, request, operation);
  if (!target || target.alwaysAllowed) return undefined;
  const action = `${request.service}:${operation}`;
  const context = requestContext(request.principal, request.region, { ...organizationKeys(world, request.principal), ...target.context });
  const deny = (resource: string, reason: DenialReason, policyArn?: string) =>
    protocolError(request.service, accessDenied(request.service, request.principal, action, resource, reason, policyArn), request.requestId);

  const guard = guardrailDenial(world, request.principal, action, target.resources, context);
  if (guard?.reason.startsWith("explicit")) return deny(guard.resource, guard.reason, guard.policyArn);
  const governing = governingPolicies(world, request.principal, userPolicies);
  const decision: Decision =
    governing === "unrestricted" ? { allowed: true } : evaluate(governing, { action, resources: target.resources, context, resourcePolicyGrants: target.resourcePolicyGrants });
  if (!decision.allowed && decision.reason.startsWith("explicit")) return deny(decision.resource, decision.reason);
  if (guard) return deny(guard.resource, guard.reason);
  return decision.allowed ? undefined : deny(decision.resource, decision.reason);
}
