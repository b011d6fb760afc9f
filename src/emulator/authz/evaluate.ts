// AWS's evaluation logic for one principal in its own account: an explicit Deny in any
// identity policy or in the permissions boundary wins; otherwise the request needs an Allow
// from the identity policies and, when a boundary is set, from the boundary too. A
// resource-based grant (a trust policy naming the caller) stands in for the identity Allow.
// Conditions this emulator cannot evaluate fail closed: such an Allow does not apply, such a
// Deny does. Organizations SCPs/RCPs filter on top of this (guardrails.ts, authorize.ts).
import type { RequestContext } from "../../policy/conditions.js";
import { statementApplies, statementsOf } from "../../policy/statements.js";
import type { GuardrailReason } from "./guardrails.js";

export interface PolicySet {
  /** Inline and attached managed policy documents (JSON text). */
  identity: string[];
  /** The permissions boundary's document; undefined when none is set. */
  boundary?: string;
}

export interface AuthzRequest {
  /** "service:Action", e.g. "iam:CreateRole". */
  action: string;
  /** Every resource the action touches; "*" for actions without resource types. */
  resources: string[];
  context: RequestContext;
  /** A resource-based policy (same account) already grants the caller: no identity Allow needed. */
  resourcePolicyGrants?: boolean;
}

export type DenialReason = "explicit-identity" | "explicit-boundary" | "implicit-identity" | "implicit-boundary" | GuardrailReason;

export type Decision = { allowed: true } | { allowed: false; reason: DenialReason; resource: string };
type IdentityReason = Exclude<DenialReason, GuardrailReason>;

function anyApplies(docs: string[], effect: "Allow" | "Deny", action: string, resource: string, context: RequestContext): boolean {
  return docs.some((doc) => statementsOf(doc).some((s) => statementApplies(s, effect, { action, resource, context })));
}

function decideOne(policies: PolicySet, request: AuthzRequest, resource: string): IdentityReason | undefined {
  const { action, context } = request;
  const boundary = policies.boundary === undefined ? undefined : [policies.boundary];
  if (anyApplies(policies.identity, "Deny", action, resource, context)) return "explicit-identity";
  if (boundary && anyApplies(boundary, "Deny", action, resource, context)) return "explicit-boundary";
  if (!request.resourcePolicyGrants && !anyApplies(policies.identity, "Allow", action, resource, context)) return "implicit-identity";
  if (boundary && !anyApplies(boundary, "Allow", action, resource, context)) return "implicit-boundary";
  return undefined;
}

/** Every resource must be allowed; the first one that is not is the one AWS names. */
export function evaluate(policies: PolicySet, request: AuthzRequest): Decision {
  for (const resource of request.resources) {
    const reason = decideOne(policies, request, resource);
    if (reason) return { allowed: false, reason, resource };
  }
  return { allowed: true };
}
