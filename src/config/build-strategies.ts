// deploymentStrategies in the YAML → one StrategySpec per region (`regions`, else `region`,
// else settings.region), with AppConfig's field names shortened as the rest of the YAML is.
import type { StrategySpec } from "../model/types.js";
import type { Diagnostics } from "./diagnostics.js";
import { locate } from "./locate.js";
import type { Entry } from "./merge.js";
import type { Origins } from "./origins.js";
import { child } from "./source.js";

export function buildStrategies(name: string, entry: Entry, defaultRegion: string, origins: Origins, diags: Diagnostics): StrategySpec[] {
  const v = entry.value;
  if (name.startsWith("AppConfig.")) {
    diags.error(locate(entry.at, { key: true }), `deploymentStrategies.${name}: names starting with AppConfig. are AWS's predefined strategies`);
    return [];
  }
  if (v.region !== undefined && v.regions !== undefined) {
    diags.error(locate(child(entry.at, "regions"), { key: true }), `deployment strategy ${name} has both "region" and "regions": give one`);
    return [];
  }
  const regions: string[] = Array.isArray(v.regions) ? [...new Set<string>(v.regions)] : [v.region ?? defaultRegion];
  return regions.map((region) => {
    const spec: StrategySpec = {
      name,
      account: v.account,
      region,
      ...(v.description !== undefined ? { description: v.description } : {}),
      durationMinutes: v.durationMinutes,
      growthType: v.growthType ?? "LINEAR",
      growthFactor: v.growthFactor,
      finalBakeTimeMinutes: v.finalBakeTimeMinutes ?? 0,
      replicateTo: v.replicateTo ?? "NONE",
      tags: v.tags ?? {},
      adopt: v.adopt ?? false,
      loc: locate(entry.at, { key: true }),
    };
    origins.set(spec, entry.at);
    return spec;
  });
}
