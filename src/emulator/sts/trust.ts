// Evaluates a role's trust policy for one STS action: allowed when an Allow statement
// applies and no Deny statement does. Conditions we cannot evaluate fail closed: an Allow
// with them does not apply, a Deny with them does.
import type { Principal } from "../types.js";
import { evaluateConditions, globMatches, type RequestContext } from "../../policy/conditions.js";

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Principal?: string | Record<string, string | string[]>;
  NotPrincipal?: string | Record<string, string | string[]>;
  Condition?: unknown;
}

function list(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const actionMatches = (pattern: string, action: string) => globMatches(pattern, action, true);

/** Whether one Principal.AWS entry names the caller. Service and Federated entries never name an AWS caller. */
function awsPrincipalMatches(entry: string, caller: Principal): boolean {
  if (entry === "*") return true;
  if (/^\d{12}$/.test(entry)) return entry === caller.accountId;
  const root = /^arn:aws:iam::(\d{12}):root$/.exec(entry);
  if (root) return root[1] === caller.accountId;
  return entry === caller.arn || (caller.roleArn !== undefined && entry === caller.roleArn);
}

function principalMatches(principal: Statement["Principal"], caller: Principal): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return list(principal.AWS).some((entry) => awsPrincipalMatches(entry, caller));
}

function statementApplies(s: Statement, action: string, caller: Principal, context: RequestContext, effect: "Allow" | "Deny"): boolean {
  const actionOk = s.Action !== undefined ? list(s.Action).some((p) => actionMatches(p, action)) : s.NotAction !== undefined && !list(s.NotAction).some((p) => actionMatches(p, action));
  if (!actionOk) return false;
  const principalOk = s.Principal !== undefined ? principalMatches(s.Principal, caller) : s.NotPrincipal !== undefined && !principalMatches(s.NotPrincipal, caller);
  if (!principalOk) return false;
  const conditions = evaluateConditions(s.Condition, context);
  return conditions === "unknown" ? effect === "Deny" : conditions;
}

export function parseStatements(policyText: string): Statement[] | undefined {
  try {
    const doc = JSON.parse(policyText) as { Statement?: Statement | Statement[] };
    if (doc.Statement === undefined) return undefined;
    return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  } catch {
    return undefined;
  }
}

export function trustAllows(policyText: string, action: string, caller: Principal, context: RequestContext): boolean {
  const statements = parseStatements(policyText);
  if (!statements) return false;
  const applying = (effect: "Allow" | "Deny") => statements.some((s) => s.Effect === effect && statementApplies(s, action, caller, context, effect));
  return applying("Allow") && !applying("Deny");
}
