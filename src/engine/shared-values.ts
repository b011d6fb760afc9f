// A large plan is mostly the same few resources over and over: one role created in
// thousands of accounts has the same `after` and the same patch in each. Changes built
// one after another share such values (one object, not thousands), which is most of a
// large plan's memory. Nothing mutates a change's values once built, so sharing is safe.
import fastJsonPatch, { type Operation } from "fast-json-patch";

/** Recent distinct values by their JSON: enough for a few roles repeated account after account. */
const RECENT_MAX = 256;
const recent = new Map<string, unknown>();
const createPatches = new WeakMap<object, Operation[]>();

/** `value` (already canonical: keys sorted), or an equal value built before. */
export function shared<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  const key = JSON.stringify(value);
  const found = recent.get(key);
  if (found !== undefined) return found as T;
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(key, value);
  return value;
}

/** The JSON patch from `before` to `after`, whose values are `after`'s own (fast-json-patch copies them). */
export function patchBetween(before: unknown, after: unknown): Operation[] {
  const to = asObject(after);
  // A create's patch depends on `after` alone: a shared `after` shares its patch too.
  const cacheable = before === null && to === after;
  const cached = cacheable ? createPatches.get(to) : undefined;
  if (cached) return cached;
  const patch = fastJsonPatch.compare(asObject(before), to).map((op) =>
    (op.op === "add" || op.op === "replace") && op.path !== "" ? { ...op, value: fastJsonPatch.getValueByPointer(to, op.path) } : op,
  );
  if (cacheable) createPatches.set(to, patch);
  return patch;
}

function asObject(value: unknown): object {
  return value !== null && typeof value === "object" ? value : {};
}
