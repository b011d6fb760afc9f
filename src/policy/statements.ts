// One policy statement and whether it applies to a request: the Action/NotAction,
// Resource/NotResource, Principal and Condition rules of the IAM policy language. The one
// reading of a statement, shared by the emulator's authorizer (identity policies, SCPs, RCPs)
// and orgctl's plan-time guardrail check, so the two can never disagree.
import { evaluateConditions, type RequestContext } from "./conditions.js";
import { actionMatches, resourceMatches } from "./match.js";

export interface Statement {
  Sid?: unknown;
  Effect?: unknown;
  Principal?: unknown;
  NotPrincipal?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

/** What a statement is matched against. */
export interface StatementRequest {
  action: string;
  resource: string;
  context: RequestContext;
  /** The caller's ARN (role, not session, for an assumed role) and account; used by Principal. */
  principal?: { arn: string; accountId: string };
}

export function stringList(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The statements of a policy document; a document that does not parse has none. */
export function statementsOf(text: string): Statement[] {
  try {
    const doc: unknown = JSON.parse(text);
    if (typeof doc !== "object" || doc === null) return [];
    const raw = (doc as { Statement?: unknown }).Statement;
    const all = Array.isArray(raw) ? raw : [raw];
    return all.filter((s): s is Statement => typeof s === "object" && s !== null);
  } catch {
    return [];
  }
}

function principalMatches(principal: unknown, who: StatementRequest["principal"]): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  const entries = stringList((principal as { AWS?: unknown }).AWS);
  if (entries.includes("*")) return true;
  if (!who) return false;
  return entries.some((e) => e === who.arn || e === who.accountId || e === `arn:aws:iam::${who.accountId}:root`);
}

/** True when the statement has this effect and covers the request; unknown conditions fail closed. */
export function statementApplies(s: Statement, effect: "Allow" | "Deny", request: StatementRequest): boolean {
  if (s.Effect !== effect) return false;
  const { action, resource, context } = request;
  if (s.Principal !== undefined && !principalMatches(s.Principal, request.principal)) return false;
  const actionOk =
    s.Action !== undefined
      ? stringList(s.Action).some((p) => actionMatches(p, action))
      : s.NotAction !== undefined && !stringList(s.NotAction).some((p) => actionMatches(p, action));
  if (!actionOk) return false;
  const resourceOk =
    s.Resource !== undefined
      ? stringList(s.Resource).some((p) => resourceMatches(p, resource))
      : s.NotResource !== undefined && !stringList(s.NotResource).some((p) => resourceMatches(p, resource));
  if (!resourceOk) return false;
  const conditions = evaluateConditions(s.Condition, context);
  return conditions === "unknown" ? effect === "Deny" : conditions;
}
