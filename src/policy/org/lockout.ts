// The plan-time lockout guard's question: of the calls orgctl needs in an account (AssumeRole
// into its access role, then the IAM/AppConfig/Organizations calls it makes there), which is
// the first that the guardrails that would apply to that account deny, and by which
// statement? It evaluates the documents (evaluate.ts); it never pattern-matches them.
import { evaluateGuardrails, guardrailContext, type GuardrailDecision, type Level } from "./evaluate.js";
import { rcpApplies, type GuardrailType } from "./types.js";

export interface NeededCall {
  action: string;
  resource: string;
  /** The caller's ARN (the access role's ARN for calls made inside the account). */
  principalArn: string;
  /** Region the call is made in (aws:RequestedRegion); IAM and STS calls sign for us-east-1. */
  region: string;
}

/** The guardrails that would apply to one account, per type, root level first. */
export type AccountGuardrails = Partial<Record<GuardrailType, Level[]>>;

export interface Lockout {
  call: NeededCall;
  type: GuardrailType;
  decision: Exclude<GuardrailDecision, { allowed: true }>;
}

function accountOf(arn: string): string {
  return arn.split(":")[4] ?? "";
}

/**
 * The first needed call the guardrails of `accountId` would deny, or undefined when all pass.
 * SCPs filter only callers of that account (never a caller from the management account, such
 * as the one assuming the access role); RCPs filter only calls on that account's resources,
 * for the services RCPs govern, whoever calls.
 */
export function findLockout(accountId: string, guardrails: AccountGuardrails, calls: NeededCall[], orgId?: string): Lockout | undefined {
  for (const call of calls) {
    const principal = { arn: call.principalArn, accountId: accountOf(call.principalArn) };
    const context = guardrailContext({
      "aws:PrincipalArn": call.principalArn,
      "aws:PrincipalAccount": principal.accountId,
      "aws:PrincipalOrgID": orgId,
      "aws:PrincipalType": "AssumedRole",
      "aws:RequestedRegion": call.region,
      "aws:ResourceAccount": accountOf(call.resource) || undefined,
    });
    for (const type of ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"] as const) {
      const levels = guardrails[type];
      if (!levels) continue;
      if (type === "SERVICE_CONTROL_POLICY" && principal.accountId !== accountId) continue;
      if (type === "RESOURCE_CONTROL_POLICY" && (!rcpApplies(call.action) || accountOf(call.resource) !== accountId)) continue;
      const decision = evaluateGuardrails(levels, { action: call.action, resource: call.resource, principal, context });
      if (!decision.allowed) return { call, type, decision };
    }
  }
  return undefined;
}

/** "statement 2 (Sid DenyIam) of policy deny-iam attached to Sandbox", or why no statement allows. */
export function describeLockout(lockout: Lockout): string {
  const kind = lockout.type === "SERVICE_CONTROL_POLICY" ? "SCP" : "RCP";
  const { decision, call } = lockout;
  const what = `${call.action} on ${call.resource}`;
  if (decision.explicit) {
    const sid = decision.sid ? ` (Sid ${decision.sid})` : "";
    return `${what} is denied by statement ${decision.statementIndex}${sid} of ${kind} ${decision.policy} attached to ${decision.target}`;
  }
  return `${what} is allowed by no ${kind} attached to ${decision.target} (every level needs one that allows it)`;
}
