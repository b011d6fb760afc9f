// Ordering apply needs beyond what the plan records in dependsOn. The diff engine
// already orders units before moves, account creation before anything in the account,
// roles before trusts naming them and application → environment/profile → version →
// deployment. AppConfig adds two one-at-a-time rules: one deployment per environment,
// and hosted versions of a profile numbered in sequence (CreateHostedConfigurationVersion
// is checked against the latest number), so those changes are chained.
import type { Change } from "../engine/types.js";

/** Address → everything it must wait for (plan dependencies plus apply's own). */
export function executionDependencies(changes: Change[]): Map<string, string[]> {
  const present = new Set(changes.map((c) => c.address));
  const deps = new Map(changes.map((c) => [c.address, c.dependsOn.filter((d) => present.has(d))]));
  const lastInChain = new Map<string, string>();
  for (const change of [...changes].sort((a, b) => (a.address < b.address ? -1 : 1))) {
    const chain = chainOf(change);
    if (chain === undefined) continue;
    const previous = lastInChain.get(chain);
    if (previous) deps.get(change.address)!.push(previous);
    lastInChain.set(chain, change.address);
  }
  return deps;
}

function chainOf(change: Change): string | undefined {
  const after = change.after as { application?: string; region?: string; environment?: string; profile?: string } | null;
  const app = `${change.account}/${after?.region}/${after?.application}`;
  if (change.type === "deployment" && change.action === "deploy") return `deploy:${app}/${after?.environment}`;
  if (change.type === "version" && change.action === "create") return `version:${app}/${after?.profile}`;
  return undefined;
}
