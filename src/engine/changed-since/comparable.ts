// One text per value, so two desired states compare by string equality.

/** Canonical JSON without source locations (moving YAML lines changes nothing in AWS), in one pass. */
export function comparable(value: unknown): string {
  return (
    JSON.stringify(value, (key, v: unknown) => {
      if (key === "loc") return undefined;
      if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }) ?? "null"
  );
}
