// Ordering between policies and what attaches them: a change whose `after` names the ARN of
// a policy being created (a role's managedPolicies, a group's, a permissions boundary) waits
// for that create; a policy's delete waits for every change that stops attaching it (IAM
// refuses DeletePolicy while anything is attached).
import type { Change } from "../../../engine/types.js";

const arnOf = (change: Change, path: string): string =>
  `arn:aws:iam::${change.accountId ?? `\${account:${change.account}}`}:policy${path}${change.name}`;

export function linkPolicies(changes: Change[]): void {
  const created = new Map<string, string>();
  const deleted = new Map<string, Change>();
  for (const c of changes) {
    if (c.type !== "managed-policy") continue;
    if (c.action === "create" && c.after) created.set(`"${arnOf(c, c.after.path)}"`, c.address);
    if (c.action === "delete" && c.before) deleted.set(`"${arnOf(c, c.before.path)}"`, c);
  }
  if (created.size === 0 && deleted.size === 0) return;
  for (const change of changes) {
    if (change.action === "noop" || change.type === "managed-policy") continue;
    const after = change.after === null ? "" : JSON.stringify(change.after);
    const before = change.before === null ? "" : JSON.stringify(change.before);
    const deps = new Set(change.dependsOn);
    for (const [arn, address] of created) if (after.includes(arn)) deps.add(address);
    change.dependsOn = [...deps].sort();
    for (const [arn, policy] of deleted) if (before.includes(arn) && !after.includes(arn)) policy.dependsOn = [...new Set([...policy.dependsOn, change.address])].sort();
  }
}
