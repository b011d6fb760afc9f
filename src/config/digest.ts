import { createHash } from "node:crypto";

/** JSON with object keys sorted and `loc` members left out: equal states give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (key, v) => {
    if (key === "loc") return undefined;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
    }
    return v;
  });
}

export function digestOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}
