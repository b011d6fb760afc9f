// Canonical JSON (object keys sorted, no whitespace) so that hashes and equality
// checks do not depend on the order in which readers or the loader built objects.
import { createHash } from "node:crypto";

/**
 * The same value with object keys in sorted order and undefined members dropped: the
 * type is unchanged (the one place that re-asserts it is the rebuilt object below).
 */
export function canonicalize<T>(value: T): T {
  return canonicalValue(value) as T;
}

function canonicalValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonicalValue(v);
    }
    return out;
  }
  return value;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value)) ?? "null";
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function hashOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
