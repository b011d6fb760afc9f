// A stable fingerprint of everything the readers saw, so apply can refuse a plan
// computed from a live state that has changed since. Arrays are treated as sets:
// readers may list the same things in a different order without anything changing.
// Hosted configuration content (and its hash) is left out: the fingerprint is printed in
// every plan, and content may be a short secret that an unkeyed hash gives back to anyone
// who tries every value. Versions are immutable, so their numbers stand for their content.
import { canonicalJson, canonicalize, sha256Hex } from "./canonical.js";
import type { LiveState } from "./types.js";

/** LiveHostedVersion's content fields. */
const HOSTED_CONTENT = new Set(["content", "contentSha256"]);

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
    return Object.fromEntries(Object.entries(value).filter(([k]) => !HOSTED_CONTENT.has(k)).map(([k, v]) => [k, setify(v)]));
  }
  return value;
}
