// Reads AppConfig in one account and region. Only applications the desired state names
// or that carry the ownership tag are read in depth. Hosted version content (one call
// per version, and versions pile up) is fetched only where the plan needs it: versions
// labelled (Description) like a desired version of that profile, and versions that are
// deployed or deploying. When a desired label has no live version, every version's content
// is read: one made by hand with the same content must be reused, not duplicated. Two
// live resources with one name are never a pick: applications sharing a name, or environments
// or profiles sharing one inside an application, are a conflict at that application's address;
// custom deployment strategies sharing one, a NameConflictError (account unread).
import { createHash } from "node:crypto";
import {
  GetConfigurationProfileCommand,
  GetDeploymentCommand,
  GetHostedConfigurationVersionCommand,
  ListTagsForResourceCommand,
  paginateListApplications,
  paginateListConfigurationProfiles,
  paginateListDeployments,
  paginateListDeploymentStrategies,
  paginateListEnvironments,
  paginateListHostedConfigurationVersions,
  type AppConfigClient,
  type Application,
  type DeploymentStrategy,
  type ConfigurationProfileSummary,
  type DeploymentSummary,
  type Environment,
  type HostedConfigurationVersionSummary,
} from "@aws-sdk/client-appconfig";
import type { LiveApplication, LiveDeployment, LiveEnvironment, LiveHostedVersion, LiveProfile } from "./live.js";
import { OWNERSHIP_TAG_KEY, type AppConfigAppSpec } from "../../model/types.js";
import { withoutCreateMarker } from "./create-marker.js";
import { NameConflictError, onlyOne, type AppConfigKind } from "./name-conflict.js";
import type { LiveStrategy } from "./strategy/resource.js";

/** AppConfig's maximum MaxResults. */
const PAGE_SIZE = 50;
/** Deployments that block a new one in the same environment. */
const RUNNING_STATES = new Set(["DEPLOYING", "BAKING", "VALIDATING", "ROLLING_BACK"]);

export interface AppConfigRegionState {
  applications: Record<string, LiveApplication>;
  /** Deployment strategy name → id (predefined and custom). */
  strategies: Record<string, string>;
  /** Custom strategies in full, by name. */
  customStrategies: Record<string, LiveStrategy>;
  /** Applications orgctl cannot act on (their name, or an environment's or profile's inside, is used twice) → why. */
  nameClashes: Record<string, string>;
}

interface Where {
  accountId: string;
  region: string;
}

/** `desired`: the desired applications in this account and region, by name; `all` reads every application (import). */
export async function readAppConfig(
  client: AppConfigClient,
  where: Where,
  desired: ReadonlyMap<string, AppConfigAppSpec>,
  opts: { all?: boolean } = {},
): Promise<AppConfigRegionState> {
  const [apps, strategyList] = await Promise.all([listApplications(client), listAll(paginateListDeploymentStrategies({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Items)]);
  const strategies = Object.fromEntries(strategyList.map((s) => [s.Name!, s.Id!]));
  const customStrategies = await readCustomStrategies(client, where, strategyList);
  const relevant = (
    await Promise.all(
      apps.map(async (app) => {
        const tags = await tagsOf(client, `${arnPrefix(where)}:application/${app.Id}`);
        const spec = desired.get(app.Name!);
        return spec || opts.all || OWNERSHIP_TAG_KEY in tags ? { app, tags, spec } : undefined;
      }),
    )
  ).filter((r) => r !== undefined);
  // Keyed by name, so a name used twice would keep one and hide the other: such a name is
  // read as a clash (a conflict at the application's address), never as one of them.
  const nameClashes = sharedNames("application", relevant.map((r) => r.app), `account ${where.accountId}, ${where.region}`);
  const applications: Record<string, LiveApplication> = {};
  await Promise.all(
    relevant.map(async ({ app, tags, spec }) => {
      if (nameClashes[app.Name!] !== undefined) return;
      try {
        applications[app.Name!] = await readApplication(client, where, app, tags, spec, opts.all === true);
      } catch (err) {
        // Two environments or profiles with one name inside it: the application is the clash.
        if (!(err instanceof NameConflictError)) throw err;
        nameClashes[app.Name!] = err.message;
      }
    }),
  );
  return { applications, strategies, customStrategies, nameClashes };
}

/** Custom strategies (predefined ids are their AppConfig.* names) with their tags. */
async function readCustomStrategies(client: AppConfigClient, where: Where, items: DeploymentStrategy[]): Promise<Record<string, LiveStrategy>> {
  const custom = items.filter((s) => !s.Id!.startsWith("AppConfig."));
  refuseSharedNames("deployment strategy", custom, `account ${where.accountId}, ${where.region}`);
  const read = await Promise.all(
    custom.map(async (s): Promise<LiveStrategy> => ({
      id: s.Id!,
      name: s.Name!,
      region: where.region,
      description: s.Description ?? "",
      durationMinutes: s.DeploymentDurationInMinutes ?? 0,
      growthType: s.GrowthType ?? "LINEAR",
      growthFactor: s.GrowthFactor ?? 0,
      finalBakeTimeMinutes: s.FinalBakeTimeInMinutes ?? 0,
      replicateTo: s.ReplicateTo ?? "NONE",
      tags: await tagsOf(client, `${arnPrefix(where)}:deploymentstrategy/${s.Id}`),
    })),
  );
  return Object.fromEntries(read.map((s) => [s.name, s]));
}

function arnPrefix({ accountId, region }: Where): string {
  return `arn:aws:appconfig:${region}:${accountId}`;
}

async function readApplication(
  client: AppConfigClient,
  where: Where,
  app: Application,
  tags: Record<string, string>,
  spec: AppConfigAppSpec | undefined,
  all: boolean,
): Promise<LiveApplication> {
  const appId = app.Id!;
  const [environmentSummaries, profileSummaries] = await Promise.all([
    listAll(paginateListEnvironments({ client, pageSize: PAGE_SIZE }, { ApplicationId: appId }), (p) => p.Items),
    listAll(paginateListConfigurationProfiles({ client, pageSize: PAGE_SIZE }, { ApplicationId: appId }), (p) => p.Items),
  ]);
  const inside = `application ${app.Name}, account ${where.accountId}, ${where.region}`;
  refuseSharedNames("environment", environmentSummaries, inside);
  refuseSharedNames("configuration profile", profileSummaries, inside);
  const pinned = all ? () => new Set(profileSummaries.map((p) => p.Id!)) : pinnedProfiles(spec, profileSummaries);
  const environments = await readEnvironments(client, where, appId, environmentSummaries, pinned);
  const deployedVersions = new Map<string, Set<number>>();
  for (const env of environments) {
    for (const [profileId, d] of Object.entries(env.deployed)) {
      const set = deployedVersions.get(profileId) ?? new Set<number>();
      if (d.version !== undefined) set.add(Number(d.version));
      if (d.running) set.add(Number(d.running.configurationVersion));
      deployedVersions.set(profileId, set);
    }
  }
  const profiles = await Promise.all(
    profileSummaries.map(async (summary) => {
      const profileSpec = spec?.profiles.find((p) => p.name === summary.Name);
      const labels = new Set(profileSpec?.versions.map((v) => v.label) ?? []);
      const deployed = deployedVersions.get(summary.Id!) ?? new Set<number>();
      const hosted = summary.LocationUri === "hosted";
      return readProfile(client, appId, summary.Id!, hosted, (all) => {
        const live = new Set(all.map((v) => v.Description ?? ""));
        if ([...labels].some((label) => !live.has(label))) return all;
        return all.filter((v) => labels.has(v.Description ?? "") || deployed.has(v.VersionNumber!));
      });
    }),
  );
  return {
    id: appId,
    name: app.Name!,
    ...(app.Description ? { description: app.Description } : {}),
    tags,
    environments: environments.sort((a, b) => a.name.localeCompare(b.name)),
    profiles: profiles.sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Per environment name: the ids of the live profiles the desired state deploys there. */
function pinnedProfiles(spec: AppConfigAppSpec | undefined, profiles: ConfigurationProfileSummary[]): (envName: string) => Set<string> {
  return (envName) => {
    const names = new Set(spec?.profiles.filter((p) => p.deploy.some((d) => d.environment === envName)).map((p) => p.name));
    return new Set(profiles.filter((p) => names.has(p.Name!)).map((p) => p.Id!));
  };
}

async function readEnvironments(
  client: AppConfigClient,
  where: Where,
  appId: string,
  envs: Environment[],
  pinned: (envName: string) => Set<string>,
): Promise<LiveEnvironment[]> {
  return Promise.all(
    envs.map(async (env) => {
      const [tags, deployed] = await Promise.all([
        tagsOf(client, `${arnPrefix(where)}:application/${appId}/environment/${env.Id}`),
        deployedIn(client, appId, env.Id!, pinned(env.Name!)),
      ]);
      return {
        id: env.Id!,
        name: env.Name!,
        ...(env.Description ? { description: env.Description } : {}),
        state: env.State ?? "",
        tags,
        ...(env.Monitors && env.Monitors.length > 0
          ? { monitors: env.Monitors.map((m) => ({ alarm: m.AlarmArn ?? "", ...(m.AlarmRoleArn ? { role: m.AlarmRoleArn } : {}) })) }
          : {}),
        deployed,
      };
    }),
  );
}

/**
 * Per profile: the last COMPLETE deployment's version and any running deployment.
 * AppConfig lists deployments newest first, and at most one runs per environment, so a
 * running one is on the first page; a pinned profile's last COMPLETE deployment may be
 * pages back when other profiles deploy often, so pages are read until every pinned
 * profile has one (or none are left). Most plans need the first page only.
 */
async function deployedIn(client: AppConfigClient, appId: string, envId: string, pinned: Set<string>): Promise<LiveEnvironment["deployed"]> {
  const deployed: LiveEnvironment["deployed"] = {};
  const pages = paginateListDeployments({ client, pageSize: PAGE_SIZE }, { ApplicationId: appId, EnvironmentId: envId });
  for await (const page of pages) {
    for (const d of page.Items ?? []) {
      const profileId = d.ConfigurationProfileId;
      if (!profileId) continue;
      const entry = (deployed[profileId] ??= {});
      if (d.State === "COMPLETE" && entry.version === undefined) entry.version = d.ConfigurationVersion;
      else if (RUNNING_STATES.has(d.State ?? "") && !entry.running && entry.version === undefined) {
        entry.running = await runningDeployment(client, appId, envId, d);
      }
    }
    if ([...pinned].every((id) => deployed[id]?.version !== undefined)) break;
  }
  return deployed;
}

/** The summary lacks the strategy id; running deployments are rare, so one extra call each. */
async function runningDeployment(client: AppConfigClient, appId: string, envId: string, d: DeploymentSummary): Promise<LiveDeployment> {
  const full = await client.send(
    new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: d.DeploymentNumber! }),
  );
  return {
    deploymentNumber: d.DeploymentNumber!,
    environmentId: envId,
    configurationProfileId: d.ConfigurationProfileId!,
    configurationVersion: d.ConfigurationVersion ?? "",
    deploymentStrategyId: full.DeploymentStrategyId ?? "",
    state: d.State!,
  };
}

async function readProfile(
  client: AppConfigClient,
  appId: string,
  profileId: string,
  hosted: boolean,
  needsContent: (all: HostedConfigurationVersionSummary[]) => HostedConfigurationVersionSummary[],
): Promise<LiveProfile> {
  const [profile, summaries] = await Promise.all([
    client.send(new GetConfigurationProfileCommand({ ApplicationId: appId, ConfigurationProfileId: profileId })),
    hosted
      ? listAll(
          paginateListHostedConfigurationVersions({ client, pageSize: PAGE_SIZE }, { ApplicationId: appId, ConfigurationProfileId: profileId }),
          (p) => p.Items,
        )
      : [],
  ]);
  const versions = await Promise.all(needsContent(summaries).map((v) => readVersion(client, appId, profileId, v)));
  return {
    id: profileId,
    name: profile.Name!,
    ...(profile.Description ? { description: profile.Description } : {}),
    type: profile.Type ?? "AWS.Freeform",
    validators: (profile.Validators ?? []).map((v) => ({ type: v.Type!, content: v.Content ?? "" })),
    versions: versions.sort((a, b) => a.versionNumber - b.versionNumber),
  };
}

async function readVersion(
  client: AppConfigClient,
  appId: string,
  profileId: string,
  summary: HostedConfigurationVersionSummary,
): Promise<LiveHostedVersion> {
  const out = await client.send(
    new GetHostedConfigurationVersionCommand({ ApplicationId: appId, ConfigurationProfileId: profileId, VersionNumber: summary.VersionNumber! }),
  );
  const content = Buffer.from(out.Content ?? new Uint8Array()).toString("utf8");
  return {
    versionNumber: summary.VersionNumber!,
    ...(out.Description ? { description: out.Description } : {}),
    contentType: out.ContentType ?? summary.ContentType ?? "",
    content,
    contentSha256: createHash("sha256").update(content, "utf8").digest("hex"),
  };
}

async function listApplications(client: AppConfigClient): Promise<Application[]> {
  return listAll(paginateListApplications({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Items);
}

async function listStrategies(client: AppConfigClient): Promise<Record<string, string>> {
  const items = await listAll(paginateListDeploymentStrategies({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Items);
  return Object.fromEntries(items.map((s) => [s.Name!, s.Id!]));
}

/** Tags as plans see them (a create's idempotency marker left out). */
async function tagsOf(client: AppConfigClient, arn: string): Promise<Record<string, string>> {
  const out = await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
  return withoutCreateMarker({ ...(out.Tags ?? {}) });
}

/** Each name more than one item uses → the message naming every id. */
function sharedNames(kind: AppConfigKind, items: { Name?: string; Id?: string }[], where: string): Record<string, string> {
  const ids = new Map<string, string[]>();
  for (const item of items) ids.set(item.Name!, [...(ids.get(item.Name!) ?? []), item.Id!]);
  return Object.fromEntries([...ids].filter(([, shared]) => shared.length > 1).map(([name, shared]) => [name, new NameConflictError(kind, name, where, shared).message]));
}

function refuseSharedNames(kind: AppConfigKind, items: { Name?: string; Id?: string }[], where: string): void {
  const ids = new Map<string, string[]>();
  for (const item of items) ids.set(item.Name!, [...(ids.get(item.Name!) ?? []), item.Id!]);
  for (const [name, shared] of ids) onlyOne(kind, name, where, shared);
}

async function listAll<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}
