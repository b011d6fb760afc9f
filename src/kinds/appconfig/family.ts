// The AppConfig family: each application's tree (environments, profiles, hosted versions,
// deployments) in its account and region, read with one listing per region (and, with
// prune, in every region settings.regions names).
import type { KindFamily } from "../../engine/kind.js";
import type { AppConfigAppSpec, DesiredState } from "../../model/types.js";
import { applicationKind, deploymentKind, environmentKind, profileKind, rolloutKind, strategyKind, versionKind } from "./kinds.js";
import { diffAppConfig } from "./diff.js";
import { diffStrategies } from "./strategy/diff.js";
import type { LiveStrategy } from "./strategy/resource.js";
import type { LiveApplication } from "./live.js";
import { readAppConfig } from "./read.js";
import { appConfigProvider, resolveAppConfigReference } from "./references.js";

export const appconfigFamily: KindFamily = {
  name: "appconfig",
  kinds: [applicationKind, environmentKind, profileKind, versionKind, strategyKind, rolloutKind, deploymentKind],
  reader(desired) {
    const apps = appsByAccount(desired);
    const strategyRegions = new Map<string, Set<string>>();
    for (const s of desired.strategies ?? []) strategyRegions.set(s.account, (strategyRegions.get(s.account) ?? new Set()).add(s.region));
    return {
      reads: (key) => apps.has(key) || strategyRegions.has(key),
      async read({ account, accountId, clients }) {
        const byRegion = new Map<string, Map<string, AppConfigAppSpec>>();
        // With prune, every region the organization uses is read too: a managed application
        // left in a region the YAML no longer names is found there.
        if (desired.settings.prune) for (const region of desired.settings.regions ?? []) byRegion.set(region, new Map());
        for (const region of strategyRegions.get(account.key) ?? []) if (!byRegion.has(region)) byRegion.set(region, new Map());
        for (const app of apps.get(account.key) ?? []) {
          byRegion.set(app.region, (byRegion.get(app.region) ?? new Map<string, AppConfigAppSpec>()).set(app.name, app));
        }
        const regions = await Promise.all(
          [...byRegion].map(async ([region, wanted]) => {
            const client = await clients.appconfig(accountId, region);
            return { region, state: await readAppConfig(client, { accountId, region }, wanted) };
          }),
        );
        const appconfig: Record<string, Record<string, LiveApplication>> = {};
        const strategies: Record<string, Record<string, string>> = {};
        const customStrategies: Record<string, Record<string, LiveStrategy>> = {};
        const appconfigNameClashes: Record<string, Record<string, string>> = {};
        for (const { region, state } of regions) {
          appconfig[region] = state.applications;
          strategies[region] = state.strategies;
          customStrategies[region] = state.customStrategies;
          if (Object.keys(state.nameClashes).length > 0) appconfigNameClashes[region] = state.nameClashes;
        }
        return { appconfig, strategies, customStrategies, ...(Object.keys(appconfigNameClashes).length > 0 ? { appconfigNameClashes } : {}) };
      },
    };
  },
  diff(ctx) {
    diffStrategies(ctx);
    diffAppConfig(ctx);
  },
  resolveReference: resolveAppConfigReference,
  providerOf: appConfigProvider,
};

function appsByAccount(desired: DesiredState): Map<string, AppConfigAppSpec[]> {
  const out = new Map<string, AppConfigAppSpec[]>();
  for (const app of desired.appconfig) out.set(app.account, [...(out.get(app.account) ?? []), app]);
  return out;
}
