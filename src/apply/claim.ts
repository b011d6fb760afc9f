// A saved plan is a claim, not a script: it says which changes the YAML and the live
// state needed when it was made. Apply never executes what the file says; it derives the
// changes again from the same YAML (same digest) and a fresh read of exactly what the
// plan touches, and executes only when the two sets are equal. Hand edits, staleness of
// any kind and deployments that started since all fall out of this one comparison.
import { canonicalJson } from "../engine/canonical.js";
import type { Change, Plan } from "../engine/types.js";

/** Why one address differs between the saved plan and what apply derived now. */
export type ClaimDifference = (
  | { address: string; kind: "no-longer-needed" }
  | { address: string; kind: "needed-now" }
  | { address: string; kind: "live-changed" }
  | { address: string; kind: "edited"; fields: string[] }
) & {
  /** The conflict the fresh plan has at this address (something now in the way). */
  conflict?: string;
};

const FIELDS = ["action", "account", "accountId", "service", "type", "name", "after", "patch", "dependsOn", "destructive", "sensitive", "reasons"] as const;

/**
 * Differences between the claimed changes and the re-derived ones, in plan order. Both
 * go through the plan file's round trip, so whatever the file format leaves out (or
 * redacts) is left out of both sides alike.
 */
export function compareClaim(saved: Plan, derived: Plan): ClaimDifference[] {
  const want = byAddress(saved.changes);
  const have = byAddress(derived.changes);
  const out: ClaimDifference[] = [];
  for (const [address, claimed] of want) {
    const found = have.get(address);
    if (!found) {
      out.push({ address, kind: "no-longer-needed" });
      continue;
    }
    // Nearly every change matches: one comparison without copies first, the round trip
    // and the details only when that comparison cannot tell.
    if (samePlain(compared(claimed), compared(found))) continue;
    const change = roundTrip(claimed);
    const now = roundTrip(found);
    if (canonicalJson(change.before) !== canonicalJson(now.before) || change.beforeHash !== now.beforeHash) out.push({ address, kind: "live-changed" });
    else {
      const fields = FIELDS.filter((f) => canonicalJson(change[f]) !== canonicalJson(now[f]));
      if (fields.length > 0) out.push({ address, kind: "edited", fields });
    }
  }
  for (const address of have.keys()) if (!want.has(address)) out.push({ address, kind: "needed-now" });
  return out;
}

/** The one line a reviewer reads for a difference. */
export function describeDifference(d: ClaimDifference): string {
  if (d.conflict !== undefined) return `${d.address} changed since the plan was made: ${d.conflict}`;
  switch (d.kind) {
    case "no-longer-needed":
      return `${d.address} is in the plan but the YAML and live state no longer need it`;
    case "needed-now":
      return `${d.address} is needed now but is not in the plan`;
    case "live-changed":
      return `${d.address} changed since the plan was made`;
    case "edited":
      return `${d.address} does not match what the YAML says (${d.fields.join(", ")} ${d.fields.length === 1 ? "differs" : "differ"}: was the plan edited?)`;
  }
}

/**
 * A change as the plan file gives it back (the file holds each change as its own JSON
 * text): one change at a time, so a 20,000-change plan is never held twice more as copies
 * and text.
 */
function roundTrip(change: Change): Change {
  const copy: Change = JSON.parse(JSON.stringify(change));
  return copy;
}

/** What the comparison looks at: the live state the change was made from, and FIELDS. */
function compared(change: Change): Record<string, unknown> {
  const out: Record<string, unknown> = { before: change.before, beforeHash: change.beforeHash };
  for (const f of FIELDS) out[f] = change[f];
  return out;
}

/**
 * True only when a and b are certainly equal as JSON (so after the round trip too): the
 * same primitives, arrays and plain objects, a member holding undefined counting as absent,
 * keys in any order. Anything else (a NaN, a Date, a class instance) is left to the round trip.
 */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => samePlain(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  if (keys.length !== Object.keys(b).filter((k) => b[k] !== undefined).length) return false;
  return keys.every((k) => samePlain(a[k], b[k]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function byAddress(changes: Change[]): Map<string, Change> {
  return new Map(changes.filter((c) => c.action !== "noop").map((c) => [c.address, c]));
}
