// A stable fingerprint of everything the readers saw, so apply can refuse a plan
// computed from a live state that has changed since. Arrays are treated as sets:
// readers may list the same things in a different order without anything changing.
import { canonicalJson, canonicalize, sha256Hex } from "./canonical.js";
import type { LiveState } from "./types.js";

export function liveFingerprint(live: LiveState): string {
  return sha256Hex(canonicalJson(setify({ organization: live.organization ?? null, accounts: live.accounts })));
}

function setify(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .map((v) => canonicalize(setify(v)))
      .map((v) => ({ v, key: JSON.stringify(v) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.v);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, setify(v)]));
  }
  return value;
}
