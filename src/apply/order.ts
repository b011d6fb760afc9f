// Ordering apply needs beyond what the plan records in dependsOn: changes a kind marks
// exclusive with one another (one AppConfig deployment per environment; a profile's
// hosted versions numbered in sequence) are chained, in address order.
import type { KindRegistry } from "../engine/kind.js";
import type { ResourceType } from "../engine/resources.js";
import type { Change, ChangeOf } from "../engine/types.js";

/** Address → everything it must wait for (plan dependencies plus apply's own). */
export function executionDependencies(changes: Change[], kinds: KindRegistry): Map<string, string[]> {
  const present = new Set(changes.map((c) => c.address));
  const deps = new Map(changes.map((c) => [c.address, c.dependsOn.filter((d) => present.has(d))]));
  const lastInChain = new Map<string, string>();
  for (const change of [...changes].sort((a, b) => (a.address < b.address ? -1 : 1))) {
    const chain = chainOf(change, kinds);
    if (chain === undefined) continue;
    const previous = lastInChain.get(chain);
    if (previous) deps.get(change.address)!.push(previous);
    lastInChain.set(chain, change.address);
  }
  return deps;
}

function chainOf<T extends ResourceType>(change: ChangeOf<T>, kinds: KindRegistry): string | undefined {
  const key = kinds.kindOf(change)?.exclusive?.(change);
  return key === undefined ? undefined : `${change.type}:${change.account}/${key}`;
}
