// Semantic normalisation of IAM policy documents, so that two documents IAM treats
// as the same policy compare equal as JSON: a re-plan right after apply shows nothing.
import type { PolicyDocument, PolicyStatement } from "../model/types.js";
import { canonicalJson, canonicalize } from "./canonical.js";

/** IAM's default when a policy has no Version element. */
const DEFAULT_VERSION = "2008-10-17";
/** Statement elements whose value is a string or a set of strings. */
const SET_ELEMENTS = ["Action", "NotAction", "Resource", "NotResource"];
const ACCOUNT_ID_RE = /^\d{12}$/;

/**
 * Parses a policy as AWS returns it: JSON text, possibly URL-encoded (GetRole,
 * GetRolePolicy and GetAccountAuthorizationDetails return it encoded).
 */
export function parsePolicy(text: string): PolicyDocument {
  const trimmed = text.trim();
  const json = trimmed.startsWith("{") ? trimmed : decodeURIComponent(trimmed);
  return JSON.parse(json) as PolicyDocument;
}

export function normalizePolicy(doc: PolicyDocument | string): PolicyDocument {
  const parsed = typeof doc === "string" ? parsePolicy(doc) : doc;
  const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  const out: PolicyDocument = {
    Version: parsed.Version ?? DEFAULT_VERSION,
    Statement: sortByJson(statements.map(normalizeStatement)),
  };
  if (parsed.Id !== undefined) out.Id = parsed.Id;
  return canonicalize(out) as PolicyDocument;
}

export function policiesEqual(a: PolicyDocument | string, b: PolicyDocument | string): boolean {
  return canonicalJson(normalizePolicy(a)) === canonicalJson(normalizePolicy(b));
}

function normalizeStatement(statement: PolicyStatement): PolicyStatement {
  const out: PolicyStatement = { ...statement };
  for (const key of SET_ELEMENTS) {
    if (out[key] !== undefined) out[key] = stringSet(out[key]);
  }
  if (out.Principal !== undefined) out.Principal = normalizePrincipal(out.Principal);
  if (out.NotPrincipal !== undefined) out.NotPrincipal = normalizePrincipal(out.NotPrincipal);
  if (out.Condition !== undefined) out.Condition = normalizeCondition(out.Condition);
  return out;
}

/** IAM documents "Principal": "*" as equivalent to {"AWS": "*"}. */
function normalizePrincipal(principal: unknown): unknown {
  if (principal === "*") return { AWS: ["*"] };
  if (principal === null || typeof principal !== "object") return principal;
  const out: Record<string, string[]> = {};
  for (const [kind, value] of Object.entries(principal as Record<string, unknown>)) {
    const values = toStrings(value).map((v) => (kind === "AWS" && ACCOUNT_ID_RE.test(v) ? `arn:aws:iam::${v}:root` : v));
    out[kind] = uniqueSorted(values);
  }
  return out;
}

function normalizeCondition(condition: unknown): unknown {
  if (condition === null || typeof condition !== "object") return condition;
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
    const keys: Record<string, string[]> = {};
    for (const [key, value] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      keys[key] = uniqueSorted(toStrings(value));
    }
    out[operator] = keys;
  }
  return out;
}

function stringSet(value: unknown): unknown {
  return typeof value === "string" || Array.isArray(value) ? uniqueSorted(toStrings(value)) : value;
}

/** Condition values may be JSON booleans or numbers; IAM compares them as strings. */
function toStrings(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function sortByJson<T>(items: T[]): T[] {
  return items
    .map((item) => ({ item, key: canonicalJson(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}
