// Ordering between OIDC providers and the roles trusting them: IAM refuses a trust naming a
// provider that does not exist, so such a role waits for the provider's create; a provider's
// delete waits for every change that stops trusting it.
import type { Change } from "../../../engine/types.js";

const arnOf = (change: Change): string => `arn:aws:iam::${change.accountId ?? `\${account:${change.account}}`}:oidc-provider/${change.name}"`;

export function linkProviders(changes: Change[]): void {
  const created = new Map<string, string>();
  const deleted = new Map<string, Change>();
  for (const c of changes) {
    if (c.type !== "oidc-provider") continue;
    if (c.action === "create") created.set(arnOf(c), c.address);
    if (c.action === "delete") deleted.set(arnOf(c), c);
  }
  if (created.size === 0 && deleted.size === 0) return;
  for (const change of changes) {
    if (change.action === "noop" || change.type === "oidc-provider") continue;
    const after = change.after === null ? "" : JSON.stringify(change.after);
    const before = change.before === null ? "" : JSON.stringify(change.before);
    const deps = new Set(change.dependsOn);
    for (const [arn, address] of created) if (after.includes(arn)) deps.add(address);
    change.dependsOn = [...deps].sort();
    for (const [arn, provider] of deleted) if (before.includes(arn) && !after.includes(arn)) provider.dependsOn = [...new Set([...provider.dependsOn, change.address])].sort();
  }
}
