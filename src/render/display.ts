// Resources as people read them. Changes carry canonical forms (sorted keys, every
// policy set element an array) so that comparison is exact; for display, policies
// return to the form people write (single values as scalars, Effect before Action),
// identifying attributes come first and empty ones are left out.

const POLICY_KEYS = ["Version", "Id", "Statement"];
const STATEMENT_KEYS = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];
const RESOURCE_KEYS = ["key", "id", "name", "path", "application", "environment", "profile", "label", "region"];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Attributes = Record<string, Json>;

/** The attributes of a resource worth showing, in reading order. */
export function displayResource(resource: unknown): Attributes {
  if (!isObject(resource)) return {};
  const out: Attributes = {};
  for (const key of ordered(Object.keys(resource), RESOURCE_KEYS)) {
    const value = resource[key] as Json;
    if (!isEmpty(value)) out[key] = isObject(value) ? displayMap(value) : Array.isArray(value) ? value.map(displayContent) : displayContent(value);
  }
  return out;
}

/**
 * JSON documents held as text (version content, validator schemas) are shown as JSON:
 * versions never change in place and validators compare parsed, so no byte that
 * matters is hidden.
 */
function displayContent(value: Json): Json {
  if (isObject(value) && typeof value.content === "string") return { ...value, content: displayContent(value.content) };
  if (typeof value !== "string" || !value.trimStart().startsWith("{")) return value;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return value;
  }
}

export function isPolicy(value: unknown): boolean {
  return isObject(value) && "Statement" in value;
}

function displayMap(value: Record<string, unknown>): Json {
  if (isPolicy(value)) return displayPolicy(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isPolicy(v) ? displayPolicy(v as Record<string, unknown>) : (v as Json)]));
}

function displayPolicy(policy: Record<string, unknown>): Json {
  const out: Record<string, Json> = {};
  for (const key of ordered(Object.keys(policy), POLICY_KEYS)) {
    const value = policy[key];
    out[key] = key === "Statement" && Array.isArray(value) ? value.map(displayStatement) : (value as Json);
  }
  return out;
}

function displayStatement(statement: unknown): Json {
  if (!isObject(statement)) return statement as Json;
  const out: Record<string, Json> = {};
  for (const key of ordered(Object.keys(statement), STATEMENT_KEYS)) out[key] = collapse(statement[key]);
  return out;
}

/** One-element arrays become their element, at every depth (principals, conditions). */
function collapse(value: unknown): Json {
  if (Array.isArray(value)) return value.length === 1 ? collapse(value[0]) : value.map(collapse);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, collapse(v)]));
  return value as Json;
}

/** `preferred` keys first, in that order; the others after them, alphabetically. */
function ordered(keys: string[], preferred: string[]): string[] {
  const rank = (k: string) => (preferred.includes(k) ? preferred.indexOf(k) : preferred.length);
  return [...keys].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.keys(value).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
