// Deployments: StartDeployment, GetDeployment, ListDeployments, StopDeployment. Progress is
// computed from the world clock on every read (deployment-timeline.ts).
import { badRequest, conflict, notFound } from "./errors.js";
import { findApplication, findEnvironment, findProfile, type Ctx, type Handler } from "./context.js";
import { compact, DESCRIPTION, json, optionalNumber, optionalString, paginate, parseJsonBody, readTags, requiredString } from "./rest-json.js";
import type { DeploymentRecord, EnvironmentRecord } from "./state.js";
import { deploymentView, isInProgress } from "./deployment-timeline.js";
import { findStrategy } from "./strategies.js";
import { findVersion } from "./hosted-versions.js";
import { validateContent } from "./validators.js";
import { rollBackIfAlarming } from "./monitors.js";

/** DeploymentStrategyId in StartDeployment: a custom strategy's id or a predefined strategy's name. */
const STRATEGY_ID = /^[a-z0-9]{4,7}$|^AppConfig\.[A-Za-z0-9]{9,40}$/;

/** Deployments progress on the emulated clock; the times they show are wall-clock, as on AWS. */
const iso = (ctx: Ctx, ms: number | undefined) => (ms === undefined ? undefined : new Date(ctx.world.clock.toWall(ms)).toISOString());

function deploymentShape(ctx: Ctx, appId: string, envId: string, d: DeploymentRecord) {
  const view = deploymentView(d, ctx.world.clock.now());
  return compact({
    ApplicationId: appId,
    EnvironmentId: envId,
    DeploymentStrategyId: d.strategy.id,
    ConfigurationProfileId: d.profileId,
    DeploymentNumber: d.deploymentNumber,
    ConfigurationName: d.configurationName,
    ConfigurationLocationUri: d.configurationLocationUri,
    ConfigurationVersion: d.configurationVersion,
    Description: d.description,
    DeploymentDurationInMinutes: d.strategy.deploymentDurationInMinutes,
    GrowthType: d.strategy.growthType,
    GrowthFactor: d.strategy.growthFactor,
    FinalBakeTimeInMinutes: d.strategy.finalBakeTimeInMinutes,
    State: view.state,
    EventLog: view.events.map((e) => ({ ...e, OccurredAt: iso(ctx, e.OccurredAt) })),
    PercentageComplete: view.percentageComplete,
    StartedAt: iso(ctx, d.startedAt),
    CompletedAt: iso(ctx, view.completedAt),
    VersionLabel: d.versionLabel,
  });
}

function summaryShape(ctx: Ctx, d: DeploymentRecord) {
  const view = deploymentView(d, ctx.world.clock.now());
  return compact({
    DeploymentNumber: d.deploymentNumber,
    ConfigurationProfileId: d.profileId,
    ConfigurationName: d.configurationName,
    ConfigurationVersion: d.configurationVersion,
    DeploymentDurationInMinutes: d.strategy.deploymentDurationInMinutes,
    GrowthType: d.strategy.growthType,
    GrowthFactor: d.strategy.growthFactor,
    FinalBakeTimeInMinutes: d.strategy.finalBakeTimeInMinutes,
    State: view.state,
    PercentageComplete: view.percentageComplete,
    StartedAt: iso(ctx, d.startedAt),
    CompletedAt: iso(ctx, view.completedAt),
    VersionLabel: d.versionLabel,
  });
}

function findDeployment(ctx: Ctx, env: EnvironmentRecord): DeploymentRecord {
  const number = ctx.params.DeploymentNumber!;
  const deployment = /^\d+$/.test(number) ? env.deployments[Number(number) - 1] : undefined;
  if (!deployment) throw notFound("Deployment", number);
  return deployment;
}

export const startDeployment: Handler = (ctx) => {
  const app = findApplication(ctx);
  const env = findEnvironment(ctx, app);
  const body = parseJsonBody(ctx.req.body);
  // Both are checked against the model before any look-up: a malformed id is a bad request, not a missing resource.
  const profileId = requiredString(body, "ConfigurationProfileId", { min: 1, max: 128 });
  const strategyId = requiredString(body, "DeploymentStrategyId", { pattern: STRATEGY_ID });
  const profile = findProfile(ctx, app, profileId);
  const strategy = findStrategy(ctx.state, strategyId);
  const configurationVersion = requiredString(body, "ConfigurationVersion", { min: 1, max: 1024 });
  const description = optionalString(body, "Description", DESCRIPTION);
  const tags = readTags(body.Tags);
  const latestNumber = optionalNumber(body, "LatestDeploymentNumber", 0, Number.MAX_SAFE_INTEGER);

  let versionLabel: string | undefined;
  let hosted: DeploymentRecord["hosted"];
  let resolvedVersion = configurationVersion;
  if (profile.locationUri === "hosted") {
    const version = findVersion(profile, configurationVersion);
    if (!version) throw notFound("HostedConfigurationVersion", configurationVersion);
    validateContent(profile.validators, version.content);
    versionLabel = version.versionLabel;
    hosted = { content: version.content, contentType: version.contentType };
    resolvedVersion = String(version.versionNumber);
  }

  const now = ctx.world.clock.now();
  const latest = env.deployments.at(-1);
  if (latestNumber !== undefined && latestNumber !== (latest?.deploymentNumber ?? 0)) {
    throw conflict(`LatestDeploymentNumber ${latestNumber} does not match the latest deployment ${latest?.deploymentNumber ?? 0}`);
  }
  if (latest && isInProgress(deploymentView(latest, now).state)) {
    throw conflict(`Deployment ${latest.deploymentNumber} is already in progress in environment ${env.id}`);
  }
  const deployment: DeploymentRecord = {
    deploymentNumber: env.deployments.length + 1,
    profileId: profile.id,
    configurationName: profile.name,
    configurationLocationUri: profile.locationUri,
    configurationVersion: resolvedVersion,
    versionLabel,
    hosted,
    description,
    strategy: { ...strategy, tags: {} },
    startedAt: now,
    tags,
  };
  env.deployments.push(deployment);
  rollBackIfAlarming(ctx.world, env, deployment);
  return json(201, deploymentShape(ctx, app.id, env.id, deployment), ctx.req.requestId);
};

export const getDeployment: Handler = (ctx) => {
  const app = findApplication(ctx);
  const env = findEnvironment(ctx, app);
  return json(200, deploymentShape(ctx, app.id, env.id, findDeployment(ctx, env)), ctx.req.requestId);
};

// Newest first.
export const listDeployments: Handler = (ctx) => {
  const env = findEnvironment(ctx);
  const { page, nextToken } = paginate([...env.deployments].reverse(), ctx.req.query);
  return json(200, compact({ Items: page.map((d) => summaryShape(ctx, d)), NextToken: nextToken }), ctx.req.requestId);
};

/** "AppConfig only allows a revert within 72 hours of deployment completion" (API reference, StopDeployment). */
const REVERT_WINDOW_MS = 72 * 60 * 60 * 1000;

// In flight (DEPLOYING/BAKING): rolls back. COMPLETE with Allow-Revert: reverts the
// environment's latest deployment. Anything else is not stoppable.
export const stopDeployment: Handler = (ctx) => {
  const app = findApplication(ctx);
  const env = findEnvironment(ctx, app);
  const deployment = findDeployment(ctx, env);
  const now = ctx.world.clock.now();
  const { state, completedAt } = deploymentView(deployment, now);
  const allowRevert = ctx.req.headers["allow-revert"] === "true";
  if (isInProgress(state)) {
    deployment.stopped = { at: now, outcome: "ROLLED_BACK" };
  } else if (state === "COMPLETE" && allowRevert && deployment === env.deployments.at(-1)) {
    if (now - (completedAt ?? now) > REVERT_WINDOW_MS) throw badRequest(`Deployment ${deployment.deploymentNumber} completed more than 72 hours ago and can no longer be reverted`);
    deployment.stopped = { at: now, outcome: "REVERTED" };
  } else {
    throw badRequest(`Deployment ${deployment.deploymentNumber} is ${state} and cannot be stopped`);
  }
  return json(202, deploymentShape(ctx, app.id, env.id, deployment), ctx.req.requestId);
};
