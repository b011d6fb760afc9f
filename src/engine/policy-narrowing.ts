// Whether a policy change can take access away: the PR comment lists such changes first
// as destructive, so this errs towards "yes". A change does not narrow only when every
// Allow of the old document is still granted by some Allow of the new one, and every
// Deny of the new document was already there (as a Deny at least as broad) before.
// Allow→Deny, an added Deny, a changed action, an added condition: all narrow.
import type { PolicyDocument, PolicyStatement } from "../model/types.js";
import { canonicalJson } from "./canonical.js";

export function policyNarrows(before: PolicyDocument | undefined, after: PolicyDocument | undefined): boolean {
  const [b, a] = [statements(before), statements(after)];
  const allows = (s: PolicyStatement[]) => s.filter((x) => x.Effect !== "Deny");
  const denies = (s: PolicyStatement[]) => s.filter((x) => x.Effect === "Deny");
  const lostAllow = allows(b).some((old) => !allows(a).some((now) => covers(now, old)));
  const newDeny = denies(a).some((now) => !denies(b).some((old) => covers(old, now)));
  return lostAllow || newDeny;
}

/** True when statement `wide` applies at least wherever `narrow` does (same effect). */
function covers(wide: PolicyStatement, narrow: PolicyStatement): boolean {
  return (
    superset(wide, narrow, "Action", "NotAction", (x) => x.toLowerCase()) &&
    superset(wide, narrow, "Resource", "NotResource", (x) => x) &&
    principalSuperset(wide, narrow) &&
    // A condition only ever restricts: none at all is broader; otherwise they must match.
    (wide.Condition === undefined || canonicalJson(wide.Condition) === canonicalJson(narrow.Condition))
  );
}

function superset(wide: PolicyStatement, narrow: PolicyStatement, key: string, notKey: string, norm: (x: string) => string): boolean {
  if (wide[notKey] !== undefined || narrow[notKey] !== undefined) return canonicalJson([wide[key], wide[notKey]]) === canonicalJson([narrow[key], narrow[notKey]]);
  const patterns = list(wide[key]).map(norm);
  return list(narrow[key]).every((x) => patterns.some((p) => wildcardCovers(p, norm(x))));
}

/**
 * IAM's `*` and `?` wildcards: `s3:*` grants whatever `s3:GetObject` or `s3:Get*` grants.
 * The classic greedy matcher with one backtrack point: O(n·m) on any input, since the
 * patterns come from pull requests (no RegExp, no catastrophic backtracking).
 */
function wildcardCovers(pattern: string, value: string): boolean {
  let p = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === value[v] || (pattern[p] === "?" && value[v] !== "*"))) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = v;
    } else if (star >= 0) {
      p = star + 1;
      v = ++mark;
    } else return false;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

function principalSuperset(wide: PolicyStatement, narrow: PolicyStatement): boolean {
  if (wide.NotPrincipal !== undefined || narrow.NotPrincipal !== undefined) return canonicalJson([wide.Principal, wide.NotPrincipal]) === canonicalJson([narrow.Principal, narrow.NotPrincipal]);
  if (wide.Principal === undefined && narrow.Principal === undefined) return true;
  const w = new Set(principals(wide.Principal));
  if (w.has("*") || w.has("AWS:*")) return true;
  return principals(narrow.Principal).every((p) => w.has(p));
}

function principals(principal: unknown): string[] {
  if (principal === undefined) return [];
  if (principal === null || typeof principal !== "object") return [String(principal)];
  return Object.entries(principal as Record<string, unknown>).flatMap(([kind, v]) => list(v).map((x) => `${kind}:${x}`));
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function statements(doc: PolicyDocument | undefined): PolicyStatement[] {
  if (!doc) return [];
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}
