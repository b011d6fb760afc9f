// Deployment strategies: AWS's predefined ones (their ids are their names) plus custom
// strategies per account and region.
import { badRequest, notFound, QUOTAS, quotaExceeded } from "./errors.js";
import type { Ctx, Handler } from "./context.js";
import { compact, DESCRIPTION, json, NAME, noContent, optionalNumber, optionalString, paginate, parseJsonBody, readTags, requiredString } from "./rest-json.js";
import { newId, type RegionState, type StrategyRecord } from "./state.js";

function predefined(name: string, description: string, duration: number, growthType: "LINEAR" | "EXPONENTIAL", growthFactor: number, bake: number): StrategyRecord {
  return { id: name, name, description, deploymentDurationInMinutes: duration, growthType, growthFactor, finalBakeTimeInMinutes: bake, replicateTo: "NONE", tags: {} };
}

// As AWS documents them (User Guide, "Using predefined deployment strategies").
export const PREDEFINED_STRATEGIES: readonly StrategyRecord[] = [
  predefined("AppConfig.AllAtOnce", "Quick", 0, "LINEAR", 100, 10),
  predefined("AppConfig.Linear50PercentEvery30Seconds", "Test/Demo", 1, "LINEAR", 50, 1),
  predefined("AppConfig.Canary10Percent20Minutes", "AWS Recommended", 20, "EXPONENTIAL", 10, 10),
  predefined("AppConfig.Linear20PercentEvery6Minutes", "AWS Recommended", 30, "LINEAR", 20, 30),
];

export function findStrategy(state: RegionState, id: string): StrategyRecord {
  const strategy = PREDEFINED_STRATEGIES.find((s) => s.id === id) ?? state.strategies.get(id);
  if (!strategy) throw notFound("DeploymentStrategy", id);
  return strategy;
}

function customStrategy(ctx: Ctx): StrategyRecord {
  const id = ctx.params.DeploymentStrategyId!;
  if (PREDEFINED_STRATEGIES.some((s) => s.id === id)) throw badRequest(`Predefined deployment strategy ${id} cannot be modified or deleted`);
  return findStrategy(ctx.state, id);
}

export function strategyShape(s: StrategyRecord) {
  return compact({
    Id: s.id,
    Name: s.name,
    Description: s.description,
    DeploymentDurationInMinutes: s.deploymentDurationInMinutes,
    GrowthType: s.growthType,
    GrowthFactor: s.growthFactor,
    FinalBakeTimeInMinutes: s.finalBakeTimeInMinutes,
    ReplicateTo: s.replicateTo,
  });
}

function readGrowthType(value: unknown): "LINEAR" | "EXPONENTIAL" | undefined {
  if (value === undefined || value === null) return undefined;
  if (value !== "LINEAR" && value !== "EXPONENTIAL") throw badRequest("GrowthType must be LINEAR or EXPONENTIAL");
  return value;
}

function required<T>(name: string, value: T | undefined): T {
  if (value === undefined) throw badRequest(`${name} is required`);
  return value;
}

export const createDeploymentStrategy: Handler = (ctx) => {
  const body = parseJsonBody(ctx.req.body);
  if (ctx.state.strategies.size >= QUOTAS.deploymentStrategies) throw quotaExceeded(`An account can have at most ${QUOTAS.deploymentStrategies} deployment strategies per region`);
  const name = requiredString(body, "Name", NAME);
  if (name.startsWith("AppConfig.")) throw badRequest("Names starting with AppConfig. are reserved for predefined strategies");
  const replicateTo = optionalString(body, "ReplicateTo") ?? "NONE";
  if (replicateTo !== "NONE" && replicateTo !== "SSM_DOCUMENT") throw badRequest("ReplicateTo must be NONE or SSM_DOCUMENT");
  const strategy: StrategyRecord = {
    id: newId(ctx.world),
    name,
    description: optionalString(body, "Description", DESCRIPTION),
    deploymentDurationInMinutes: required("DeploymentDurationInMinutes", optionalNumber(body, "DeploymentDurationInMinutes", 0, 1440)),
    growthType: readGrowthType(body.GrowthType) ?? "LINEAR",
    growthFactor: required("GrowthFactor", optionalNumber(body, "GrowthFactor", 1, 100)),
    finalBakeTimeInMinutes: optionalNumber(body, "FinalBakeTimeInMinutes", 0, 1440) ?? 0,
    replicateTo,
    tags: readTags(body.Tags),
  };
  ctx.state.strategies.set(strategy.id, strategy);
  return json(201, strategyShape(strategy), ctx.req.requestId);
};

export const getDeploymentStrategy: Handler = (ctx) => json(200, strategyShape(findStrategy(ctx.state, ctx.params.DeploymentStrategyId!)), ctx.req.requestId);

// Custom strategies first, then the predefined ones, as AWS lists them.
export const listDeploymentStrategies: Handler = (ctx) => {
  const { page, nextToken } = paginate([...ctx.state.strategies.values(), ...PREDEFINED_STRATEGIES], ctx.req.query);
  return json(200, compact({ Items: page.map(strategyShape), NextToken: nextToken }), ctx.req.requestId);
};

export const updateDeploymentStrategy: Handler = (ctx) => {
  const strategy = customStrategy(ctx);
  const body = parseJsonBody(ctx.req.body);
  const description = optionalString(body, "Description", DESCRIPTION);
  const duration = optionalNumber(body, "DeploymentDurationInMinutes", 0, 1440);
  const bake = optionalNumber(body, "FinalBakeTimeInMinutes", 0, 1440);
  const factor = optionalNumber(body, "GrowthFactor", 1, 100);
  const growthType = readGrowthType(body.GrowthType);
  if (description !== undefined) strategy.description = description;
  if (duration !== undefined) strategy.deploymentDurationInMinutes = duration;
  if (bake !== undefined) strategy.finalBakeTimeInMinutes = bake;
  if (factor !== undefined) strategy.growthFactor = factor;
  if (growthType !== undefined) strategy.growthType = growthType;
  return json(200, strategyShape(strategy), ctx.req.requestId);
};

export const deleteDeploymentStrategy: Handler = (ctx) => {
  const strategy = customStrategy(ctx);
  ctx.state.strategies.delete(strategy.id);
  return noContent(ctx.req.requestId);
};
