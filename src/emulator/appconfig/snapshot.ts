// Snapshot.appconfig: load a starting AppConfig state and write the current one back.
// Shape (documented in docs/emulator-sources.md, "## AppConfig"):
// { accounts: { "<account>": { "<region>": { applications: [...], deploymentStrategies?: [...] } } } }
// Resources are referenced by name; ids are generated afresh on load.
import type { Snapshot, World } from "../types.js";
import { allRegionStates, newId, regionState, type ApplicationRecord, type RegionState, type StrategyRecord, type Tags } from "./state.js";
import { deploymentView, totalMs } from "./deployment-timeline.js";
import { findStrategy } from "./strategies.js";
import type { ValidatorRecord } from "./state.js";

interface VersionSeed {
  content: string;
  contentType: string;
  description?: string;
  versionLabel?: string;
  /** Keeps numbering across a dump/load when earlier versions were deleted; default: next number. */
  versionNumber?: number;
}

interface ProfileSeed {
  Name: string;
  Description?: string;
  LocationUri?: string;
  Type?: string;
  Validators?: ValidatorRecord[];
  Tags?: Tags;
  versions?: VersionSeed[];
}

interface EnvironmentSeed {
  Name: string;
  Description?: string;
  Tags?: Tags;
}

interface DeploymentSeed {
  environment: string;
  profile: string;
  version: number | string;
  /** A predefined strategy id, or the Name of a custom strategy in deploymentStrategies. */
  strategy: string;
  state: "COMPLETE";
  description?: string;
}

interface ApplicationSeed {
  Name: string;
  Description?: string;
  Tags?: Tags;
  /** Environment names, or objects with a Name. */
  environments?: (string | EnvironmentSeed)[];
  profiles?: ProfileSeed[];
  deployments?: DeploymentSeed[];
}

interface StrategySeed {
  Name: string;
  Description?: string;
  DeploymentDurationInMinutes: number;
  GrowthType?: "LINEAR" | "EXPONENTIAL";
  GrowthFactor: number;
  FinalBakeTimeInMinutes?: number;
  ReplicateTo?: string;
  Tags?: Tags;
}

interface RegionSeed {
  applications?: ApplicationSeed[];
  deploymentStrategies?: StrategySeed[];
}

export interface AppConfigSnapshot {
  accounts: Record<string, Record<string, RegionSeed>>;
}

export function seedAppConfig(world: World, snapshot: Snapshot): void {
  const data = snapshot.appconfig as AppConfigSnapshot | undefined;
  for (const [accountId, regions] of Object.entries(data?.accounts ?? {})) {
    for (const [region, seed] of Object.entries(regions)) {
      const state = regionState(world, accountId, region);
      for (const s of seed.deploymentStrategies ?? []) seedStrategy(world, state, s);
      for (const a of seed.applications ?? []) seedApplication(world, state, a);
    }
  }
}

function seedStrategy(world: World, state: RegionState, s: StrategySeed): void {
  const id = newId(world);
  state.strategies.set(id, {
    id,
    name: s.Name,
    description: s.Description,
    deploymentDurationInMinutes: s.DeploymentDurationInMinutes,
    growthType: s.GrowthType ?? "LINEAR",
    growthFactor: s.GrowthFactor,
    finalBakeTimeInMinutes: s.FinalBakeTimeInMinutes ?? 0,
    replicateTo: s.ReplicateTo ?? "NONE",
    tags: { ...s.Tags },
  });
}

function seedApplication(world: World, state: RegionState, a: ApplicationSeed): void {
  const app: ApplicationRecord = { id: newId(world), name: a.Name, description: a.Description, tags: { ...a.Tags }, environments: new Map(), profiles: new Map() };
  state.applications.set(app.id, app);
  for (const e of a.environments ?? []) {
    const env = typeof e === "string" ? { Name: e } : e;
    const id = newId(world);
    app.environments.set(id, { id, name: env.Name, description: env.Description, monitors: [], tags: { ...env.Tags }, deployments: [] });
  }
  for (const p of a.profiles ?? []) {
    const id = newId(world);
    const profile = {
      id,
      name: p.Name,
      description: p.Description,
      locationUri: p.LocationUri ?? "hosted",
      type: p.Type ?? "AWS.Freeform",
      validators: p.Validators ?? [],
      tags: { ...p.Tags },
      versions: new Map(),
      lastVersionNumber: 0,
    };
    for (const v of p.versions ?? []) {
      const versionNumber = v.versionNumber ?? profile.lastVersionNumber + 1;
      profile.versions.set(versionNumber, { versionNumber, content: Buffer.from(v.content, "utf8"), contentType: v.contentType, description: v.description, versionLabel: v.versionLabel });
      profile.lastVersionNumber = Math.max(profile.lastVersionNumber, versionNumber);
    }
    app.profiles.set(id, profile);
  }
  for (const d of a.deployments ?? []) seedDeployment(world, state, app, d);
}

function byName<T extends { name: string }>(items: Iterable<T>, name: string, what: string, app: string): T {
  for (const item of items) if (item.name === name) return item;
  throw new Error(`appconfig snapshot: application ${app} has no ${what} named ${name}`);
}

function seedDeployment(world: World, state: RegionState, app: ApplicationRecord, d: DeploymentSeed): void {
  const env = byName(app.environments.values(), d.environment, "environment", app.name);
  const profile = byName(app.profiles.values(), d.profile, "configuration profile", app.name);
  const strategy: StrategyRecord = [...state.strategies.values()].find((s) => s.name === d.strategy) ?? findStrategy(state, d.strategy);
  const version = profile.versions.get(Number(d.version));
  if (profile.locationUri === "hosted" && !version) throw new Error(`appconfig snapshot: profile ${profile.name} has no version ${d.version}`);
  env.deployments.push({
    deploymentNumber: env.deployments.length + 1,
    profileId: profile.id,
    configurationName: profile.name,
    configurationLocationUri: profile.locationUri,
    configurationVersion: String(d.version),
    versionLabel: version?.versionLabel,
    hosted: version ? { content: version.content, contentType: version.contentType } : undefined,
    description: d.description,
    strategy: { ...strategy, tags: {} },
    // Started long enough ago to have completed by now.
    startedAt: world.clock.now() - totalMs(strategy),
    tags: {},
  });
}

/** Writes every account's and region's state; only COMPLETE deployments are kept. */
export function dumpAppConfig(world: World, snapshot: Snapshot): void {
  const accounts: AppConfigSnapshot["accounts"] = {};
  const now = world.clock.now();
  for (const state of allRegionStates(world)) {
    if (state.applications.size === 0 && state.strategies.size === 0) continue;
    const customNames = new Map([...state.strategies.values()].map((s) => [s.id, s.name]));
    const region: RegionSeed = {
      applications: [...state.applications.values()].map((app) => ({
        Name: app.name,
        Description: app.description,
        Tags: app.tags,
        environments: [...app.environments.values()].map((e) => ({ Name: e.name, Description: e.description, Tags: e.tags })),
        profiles: [...app.profiles.values()].map((p) => ({
          Name: p.name,
          Description: p.description,
          LocationUri: p.locationUri,
          Type: p.type,
          Validators: p.validators,
          Tags: p.tags,
          versions: [...p.versions.values()].map((v) => ({ content: v.content.toString("utf8"), contentType: v.contentType, description: v.description, versionLabel: v.versionLabel, versionNumber: v.versionNumber })),
        })),
        deployments: [...app.environments.values()].flatMap((e) =>
          e.deployments
            .filter((d) => deploymentView(d, now).state === "COMPLETE")
            .map((d) => ({
              environment: e.name,
              profile: app.profiles.get(d.profileId)?.name ?? d.configurationName,
              version: d.configurationVersion,
              strategy: customNames.get(d.strategy.id) ?? d.strategy.id,
              state: "COMPLETE" as const,
              description: d.description,
            })),
        ),
      })),
      deploymentStrategies: [...state.strategies.values()].map((s) => ({
        Name: s.name,
        Description: s.description,
        DeploymentDurationInMinutes: s.deploymentDurationInMinutes,
        GrowthType: s.growthType,
        GrowthFactor: s.growthFactor,
        FinalBakeTimeInMinutes: s.finalBakeTimeInMinutes,
        ReplicateTo: s.replicateTo,
        Tags: s.tags,
      })),
    };
    (accounts[state.accountId] ??= {})[state.region] = region;
  }
  snapshot.appconfig = { accounts };
}
