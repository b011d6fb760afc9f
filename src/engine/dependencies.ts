// Dependencies that follow from what a change's `after` refers to. Accounts still to be
// created appear as placeholders: a change naming one waits for that account's create.
// Whatever only a kind understands (a trust policy naming a role being created) its
// family adds in `link`, which also breaks the cycles it can.
import type { KindRegistry } from "./kind.js";
import { accountAddress, accountKeyOf, type DiffContext } from "./context.js";
import { ACCOUNT_PLACEHOLDER_RE } from "./resources.js";

export function addImplicitDependencies(ctx: DiffContext, kinds: KindRegistry): void {
  const real = new Set(ctx.changes.filter((c) => c.action !== "noop").map((c) => c.address));
  for (const change of ctx.changes) {
    if (change.action === "noop" || change.action === "delete") continue;
    const deps = new Set(change.dependsOn);
    for (const m of JSON.stringify(change.after).matchAll(ACCOUNT_PLACEHOLDER_RE)) {
      const key = m[1] ?? "";
      const account = accountAddress(ctx, key);
      if (real.has(account)) deps.add(account);
      else if (!change.reasons.some((r) => r.kind === "unresolved-account" && r.account === key)) change.reasons.push({ kind: "unresolved-account", account: key });
    }
    deps.delete(change.address);
    // A dependency on something that needs no change has nothing to wait for.
    change.dependsOn = [...deps].filter((d) => real.has(d)).sort();
  }
  for (const family of kinds.families) family.link?.(ctx.changes, (ref) => accountKeyOf(ctx, ref));
}
