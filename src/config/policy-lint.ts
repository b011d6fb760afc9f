import type { PolicyDocument } from "../model/types.js";
import { errorAt, warnAt, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";
import { child, type At } from "./source.js";

export type PolicyKind = "trust" | "permission";

const VERSIONS = ["2012-10-17", "2008-10-17"];
const STATEMENT_KEYS = new Set(["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const ACTION = /^(\*|[a-zA-Z0-9-]+:[\w*?-]+)$/;

/**
 * Structural checks AWS would answer with MalformedPolicyDocument, plus warnings for
 * policies that are valid but wide open.
 */
export function lintPolicy(ctx: CheckContext, doc: PolicyDocument, kind: PolicyKind, at: At): void {
  const err = (where: At, msg: string) => errorAt(ctx, where, label(where.path, msg));
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return err(at, "a policy document must be a map");
  for (const key of Object.keys(doc)) {
    if (!["Version", "Id", "Statement"].includes(key)) err(child(at, key), `unknown policy element "${key}"`);
  }
  if (doc.Version !== undefined && !VERSIONS.includes(doc.Version)) {
    err(child(at, "Version"), `must be "2012-10-17" (or the legacy "2008-10-17")`);
  }
  const raw = doc.Statement as unknown;
  if (raw === undefined) return err(at, "missing Statement");
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) return err(child(at, "Statement"), "Statement must not be empty");
  list.forEach((s, i) => {
    const sAt = Array.isArray(raw) ? child(at, "Statement", i) : child(at, "Statement");
    if (typeof s !== "object" || s === null || Array.isArray(s)) return err(sAt, "a statement must be a map");
    lintStatement(ctx, s as Record<string, unknown>, kind, sAt, err);
  });
}

function lintStatement(ctx: CheckContext, s: Record<string, unknown>, kind: PolicyKind, at: At, err: (a: At, m: string) => void): void {
  for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) err(child(at, key), `unknown statement element "${key}"`);
  if (s.Effect === undefined) err(at, "missing Effect");
  else if (s.Effect !== "Allow" && s.Effect !== "Deny") err(child(at, "Effect"), `must be "Allow" or "Deny"`);
  const action = s.Action ?? s.NotAction;
  if ((s.Action === undefined) === (s.NotAction === undefined)) err(at, "needs exactly one of Action or NotAction");
  else lintActions(action, child(at, s.Action !== undefined ? "Action" : "NotAction"), err);
  const hasPrincipal = s.Principal !== undefined || s.NotPrincipal !== undefined;
  const hasResource = s.Resource !== undefined || s.NotResource !== undefined;
  if (kind === "permission") {
    if (hasPrincipal) err(at, "Principal is not allowed in a permission policy");
    if (!hasResource) err(at, "missing Resource");
    else if (s.Resource !== undefined && s.NotResource !== undefined) err(at, "needs only one of Resource or NotResource");
  } else {
    if (!hasPrincipal) err(at, "missing Principal (a trust policy names who may assume the role)");
    if (hasResource) err(at, "Resource is not allowed in a trust policy");
  }
  if (s.Condition !== undefined && (typeof s.Condition !== "object" || s.Condition === null || Array.isArray(s.Condition))) {
    err(child(at, "Condition"), "Condition must be a map");
  }
  if (s.Effect !== "Allow" || s.Condition !== undefined) return;
  if (kind === "trust" && isEveryone(s.Principal)) {
    warnAt(ctx, child(at, "Principal"), label([...at.path, "Principal"], "anyone may assume this role: Principal is \"*\" without a Condition"));
  }
  if (kind === "permission" && includesStar(s.Action) && includesStar(s.Resource)) {
    warnAt(ctx, at, label(at.path, `allows every action on every resource ("Action": "*" on "Resource": "*")`));
  }
}

function lintActions(value: unknown, at: At, err: (a: At, m: string) => void): void {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return err(at, "must list at least one action");
  list.forEach((a, i) => {
    const aAt = Array.isArray(value) ? child(at, i) : at;
    if (typeof a !== "string" || !ACTION.test(a)) err(aAt, `${JSON.stringify(a)} is not an action ("service:Action" or "*")`);
  });
}

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return includesStar(aws);
}

function includesStar(value: unknown): boolean {
  return value === "*" || (Array.isArray(value) && value.includes("*"));
}
