// References (src/model/references) at plan time, one generic step for every kind: the
// desired state is resolved before any diff, so what is known now (ids of existing accounts,
// and whatever the families can answer: ARNs of declared roles, ids of live AppConfig
// objects) is compared as the value AWS holds, and a live resource holding it shows no
// change. A role ARN in an account still to be created becomes an ARN around that account's
// `${account:<key>}` placeholder, which apply fills in once the account exists; anything
// else only apply can learn stays as written, and the change carrying it says so.
import { formatReference, type Reference } from "../model/references/grammar.js";
import { referencesIn, substitute, type ReferenceLookup } from "../model/references/substitute.js";
import type { DesiredState } from "../model/types.js";
import type { DiffContext } from "./context.js";
import type { KindRegistry } from "./kind.js";
import type { Change } from "./types.js";

/** AppConfig content and validator schemas are the application's data: never rewritten. */
export const USER_DATA = new Set(["content", "validators"]);

export function referenceLookup(ctx: DiffContext, kinds: KindRegistry): ReferenceLookup {
  return (ref: Reference) => {
    if (ref.kind === "account") return ctx.accountIds.get(ref.account);
    for (const family of kinds.families) {
      const value = family.resolveReference?.(ref, ctx);
      if (value !== undefined) return value;
    }
    return undefined;
  };
}

/** The desired state with every reference known now written in. */
export function resolveDesired(ctx: DiffContext, kinds: KindRegistry): DesiredState {
  return substitute(ctx.desired, referenceLookup(ctx, kinds), USER_DATA).value;
}

/**
 * Marks each change that still carries a reference apply must learn first, and makes it
 * wait for the change whose operation makes it known (a family's `providerOf`).
 */
export function noteUnresolved(changes: Change[], kinds: KindRegistry): void {
  for (const change of changes) {
    if (change.action === "noop" || change.action === "delete") continue;
    // Account placeholders are the plan's own mechanism: a dependency on the account's creation.
    const pending = referencesIn(change.after, USER_DATA).filter((r) => r.kind !== "account");
    const deps = new Set(change.dependsOn);
    for (const ref of pending) {
      change.reasons.push({ kind: "known-after-apply", reference: formatReference(ref) });
      for (const family of kinds.families) {
        const provider = family.providerOf?.(ref, changes);
        if (provider !== undefined && provider !== change.address) deps.add(provider);
      }
    }
    change.dependsOn = [...deps].sort();
  }
}
