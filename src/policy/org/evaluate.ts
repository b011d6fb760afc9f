// AWS's evaluation of guardrails (SCPs, RCPs) for one request, as the Organizations User
// Guide describes it ("SCP evaluation", "RCP evaluation"): the policies attached at every
// level from the root down to the account filter the request; an explicit Deny in any of
// them wins, and otherwise every level must have a policy whose Allow covers the request
// (an Allow inherited from above does not count for a level below). Guardrails never grant.
// Pure: the emulator enforces with it, and orgctl's plan-time lockout guard asks it which
// statement would deny the calls orgctl needs.
import type { RequestContext } from "../conditions.js";
import { statementApplies, statementsOf, type StatementRequest } from "../statements.js";

export interface NamedPolicy {
  /** How the policy is named in answers: its name, or its ARN. */
  name: string;
  content: string;
}

/** The policies of one type attached directly to one level (the root, an OU, the account). */
export interface Level {
  /** The root, OU or account this level is, as the caller names it. */
  target: string;
  policies: NamedPolicy[];
}

export interface GuardrailRequest {
  action: string;
  resource: string;
  /** The caller; its ARN is the role ARN for a role session. */
  principal: { arn: string; accountId: string };
  context: RequestContext;
}

export type GuardrailDecision =
  | { allowed: true }
  | { allowed: false; explicit: true; target: string; policy: string; statementIndex: number; sid?: string }
  | { allowed: false; explicit: false; target: string };

function statementRequest(request: GuardrailRequest): StatementRequest {
  return { action: request.action, resource: request.resource, context: request.context, principal: request.principal };
}

/** The first Deny statement, root first, that covers the request; else the first level nothing allows. */
export function evaluateGuardrails(levels: Level[], request: GuardrailRequest): GuardrailDecision {
  const asked = statementRequest(request);
  for (const level of levels) {
    for (const policy of level.policies) {
      const statements = statementsOf(policy.content);
      const index = statements.findIndex((s) => statementApplies(s, "Deny", asked));
      if (index < 0) continue;
      const sid = statements[index]!.Sid;
      return { allowed: false, explicit: true, target: level.target, policy: policy.name, statementIndex: index, ...(typeof sid === "string" ? { sid } : {}) };
    }
  }
  for (const level of levels) {
    const allowed = level.policies.some((p) => statementsOf(p.content).some((s) => statementApplies(s, "Allow", asked)));
    if (!allowed) return { allowed: false, explicit: false, target: level.target };
  }
  return { allowed: true };
}

/** A request context with the global keys a guardrail usually tests (aws:PrincipalArn, …). */
export function guardrailContext(keys: Record<string, string | undefined>): RequestContext {
  const context: RequestContext = new Map();
  for (const [key, value] of Object.entries(keys)) if (value !== undefined) context.set(key.toLowerCase(), [value]);
  return context;
}
