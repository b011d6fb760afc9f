// Replaces the references in a value (a string, or a policy document's strings) with what a
// lookup knows. A reference the lookup cannot answer yet stays as written: the plan shows it
// as "(known after apply)" and apply resolves it just before the operation that needs it.
import { formatReference, scan, type Reference } from "./grammar.js";

/** The value of a reference now, or undefined when only apply will know it. */
export type ReferenceLookup = (ref: Reference) => string | undefined;

export interface Substituted<T> {
  value: T;
  /** References left as written, each once, in order of appearance. */
  pending: Reference[];
}

export function substituteText(text: string, lookup: ReferenceLookup, pending: Map<string, Reference> = new Map()): string {
  let out = "";
  let last = 0;
  for (const token of scan(text)) {
    if (token.type !== "reference") continue;
    const value = lookup(token.reference);
    if (value === undefined) {
      pending.set(formatReference(token.reference), token.reference);
      continue;
    }
    out += text.slice(last, token.index) + value;
    last = token.index + token.text.length;
  }
  return out + text.slice(last);
}

/**
 * Substitutes in every string of a JSON-like value (object keys included: a Condition key may
 * name an account), except under the keys in `skip` (user data, such as AppConfig content).
 * Only plain objects and arrays are data; anything else (a spec's source location, which
 * would build its file's syntax tree when read) is kept as it is.
 */
export function substitute<T>(value: T, lookup: ReferenceLookup, skip: ReadonlySet<string> = new Set()): Substituted<T> {
  const pending = new Map<string, Reference>();
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return substituteText(v, lookup, pending);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === "object" && isPlain(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [substituteText(k, lookup, pending), skip.has(k) ? x : walk(x)]));
    return v;
  };
  return { value: walk(value) as T, pending: [...pending.values()] };
}

function isPlain(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The references a value still holds (outside `skip`). */
export function referencesIn(value: unknown, skip: ReadonlySet<string> = new Set()): Reference[] {
  return substitute(value, () => undefined, skip).pending;
}
