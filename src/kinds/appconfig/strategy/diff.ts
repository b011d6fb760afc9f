// Custom deployment strategies: created, updated in place (all but ReplicateTo, which
// AppConfig cannot change), adopted, and, when orgctl manages one the YAML no longer
// declares, deleted with prune.
import { formatAddress } from "../../../engine/address.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { makeChange } from "../../../engine/change.js";
import { accountAddress, type DiffContext } from "../../../engine/context.js";
import { claimReasons, type Reason } from "../../../engine/reasons.js";
import { describeOwnership, isClaimable, mayUpdate, ownedTags, ownershipOf } from "../../../model/ownership.js";
import type { StrategySpec } from "../../../model/types.js";
import type { LiveStrategy, StrategyResource } from "./resource.js";

type Base = { account: string; accountId: string | undefined; service: "appconfig" };

export function desiredStrategy(s: StrategySpec, owner: string): StrategyResource {
  return {
    name: s.name,
    region: s.region,
    description: s.description ?? "",
    durationMinutes: s.durationMinutes,
    growthType: s.growthType,
    growthFactor: s.growthFactor,
    finalBakeTimeMinutes: s.finalBakeTimeMinutes,
    replicateTo: s.replicateTo,
    tags: ownedTags(s.tags, owner),
  };
}

export function liveStrategy(s: LiveStrategy): StrategyResource {
  const { id: _id, ...resource } = s;
  return resource;
}

export function strategyAddress(account: string, region: string, name: string): string {
  return formatAddress({ account, service: "appconfig", type: "strategy", name: `${region}/${name}` });
}

function changedKeys(before: StrategyResource, after: StrategyResource): Reason[] {
  return Object.entries(after)
    .filter(([key, value]) => canonicalJson(value) !== canonicalJson(before[key as keyof StrategyResource]))
    .map(([name]) => ({ kind: "changed", part: { kind: "attribute", name } }));
}

export function diffStrategies(ctx: DiffContext): void {
  const owner = ctx.desired.settings.owner;
  const wanted = new Set<string>();
  for (const spec of ctx.desired.strategies ?? []) {
    wanted.add(`${spec.account}/${spec.region}/${spec.name}`);
    if (ctx.failedAccounts.has(spec.account)) continue;
    const accountId = ctx.accountIds.get(spec.account);
    const base: Base = { account: spec.account, accountId, service: "appconfig" };
    const name = `${spec.region}/${spec.name}`;
    const after = desiredStrategy(spec, owner);
    const found = ctx.live.accounts[spec.account]?.customStrategies?.[spec.region]?.[spec.name];
    if (!found) {
      ctx.changes.push(makeChange({ ...base, type: "strategy", name, action: "create", before: null, after, dependsOn: accountId === undefined ? [accountAddress(ctx, spec.account)] : [] }));
      continue;
    }
    const before = liveStrategy(found);
    const address = strategyAddress(spec.account, spec.region, spec.name);
    if (!mayUpdate(before.tags, owner, spec.adopt)) {
      ctx.conflicts.push({ address, message: `deployment strategy ${spec.name} exists and is ${describeOwnership(ownershipOf(before.tags, owner))}; set adopt: true to take it over` });
    } else if (before.replicateTo !== after.replicateTo) {
      ctx.conflicts.push({ address, message: `deployment strategy ${spec.name} replicates to ${before.replicateTo}, and AppConfig cannot change that: give the strategy another name` });
    } else if (canonicalJson(before) !== canonicalJson(after)) {
      const owned = ownershipOf(before.tags, owner);
      const action = isClaimable(owned) ? "update" : "adopt";
      ctx.changes.push(makeChange({ ...base, type: "strategy", name, action, before, after, reasons: [...claimReasons(owned), ...changedKeys(before, after)] }));
    }
  }
  for (const [key, state] of Object.entries(ctx.live.accounts)) {
    if (ctx.failedAccounts.has(key)) continue;
    for (const [region, strategies] of Object.entries(state.customStrategies ?? {})) {
      for (const found of Object.values(strategies)) {
        if (wanted.has(`${key}/${region}/${found.name}`) || ownershipOf(found.tags, owner).kind !== "mine") continue;
        const before = liveStrategy(found);
        const id = { account: key, accountId: ctx.accountIds.get(key) ?? state.accountId, service: "appconfig" as const, type: "strategy" as const, name: `${region}/${found.name}` };
        if (ctx.prune) ctx.changes.push(makeChange({ ...id, action: "delete", before, after: null }));
        else ctx.changes.push(makeChange({ ...id, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "deployment strategy", removal: "prune" }] }));
      }
    }
  }
}
