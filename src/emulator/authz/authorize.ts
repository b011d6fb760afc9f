// The one authorization step between authentication and a service's handler: finds what the
// operation acts on, the caller's governing policies, evaluates them, and answers AWS's
// AccessDenied in the service's protocol when they do not allow the call. Operations the
// tables do not know fall through to the module, which answers them as unknown.
import { protocolError } from "../services.js";
import type { EmuRequest, EmuResponse, ServiceName, World } from "../types.js";
import { requestContext } from "./context.js";
import { accessDenied } from "./denial.js";
import { evaluate } from "./evaluate.js";
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

/** Undefined when the call may proceed; otherwise the AccessDenied response to send. */
export function authorize(world: World, request: EmuRequest, operation: string, userPolicies?: UserPolicyLookup): EmuResponse | undefined {
  const target = targetOf(world, request, operation);
  if (!target || target.alwaysAllowed) return undefined;
  const governing = governingPolicies(world, request.principal, userPolicies);
  if (governing === "unrestricted") return undefined;
  const action = `${request.service}:${operation}`;
  const decision = evaluate(governing, {
    action,
    resources: target.resources,
    context: requestContext(request.principal, request.region, target.context),
    resourcePolicyGrants: target.resourcePolicyGrants,
  });
  if (decision.allowed) return undefined;
  const error = accessDenied(request.service, request.principal, action, decision.resource, decision.reason);
  return protocolError(request.service, error, request.requestId);
}
