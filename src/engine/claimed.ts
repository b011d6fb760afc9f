// What a saved plan claims as a whole: how many changes plan wrote into the file and a
// digest of which (action and address). Apply re-derives only what the listed changes
// touch, so a change taken out by hand — the only one of its account — would otherwise go
// unnoticed; the file's list must be the one plan wrote. (A digest anyone can recompute:
// it catches edits and truncated merges, not a forger; the claim check and the lockout
// guard stand behind it either way.)
import { sha256Hex } from "./canonical.js";
import type { Change, Claimed } from "./types.js";

export function claimedOf(changes: readonly Change[]): Claimed {
  const lines = changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`).sort();
  return { changes: lines.length, digest: sha256Hex(lines.join("\n")) };
}

/** Why the plan's changes are not the ones it says plan wrote; undefined when they are (or it says nothing). */
export function claimedDiffers(plan: { claimed?: Claimed; changes: readonly Change[] }): string | undefined {
  if (plan.claimed === undefined) return undefined;
  const now = claimedOf(plan.changes);
  if (now.digest === plan.claimed.digest && now.changes === plan.claimed.changes) return undefined;
  return `the plan's changes are not the ones orgctl plan wrote (a change was added or taken out by hand: it lists ${now.changes}, plan wrote ${plan.claimed.changes}): run plan again; nothing was applied`;
}
