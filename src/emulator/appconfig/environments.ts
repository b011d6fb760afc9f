// Environments: CreateEnvironment, GetEnvironment, ListEnvironments, UpdateEnvironment, DeleteEnvironment.
import { conflict, QUOTAS, quotaExceeded } from "./errors.js";
import { findApplication, findEnvironment, type Ctx, type Handler } from "./context.js";
import { compact, DESCRIPTION, json, NAME, noContent, optionalString, paginate, parseJsonBody, readTags, requiredString } from "./rest-json.js";
import { newId, type EnvironmentRecord } from "./state.js";
import { environmentState } from "./deployment-timeline.js";
import { readMonitors } from "./monitors.js";

function environmentShape(ctx: Ctx, appId: string, env: EnvironmentRecord) {
  return compact({
    ApplicationId: appId,
    Id: env.id,
    Name: env.name,
    Description: env.description,
    State: environmentState(env, ctx.world.clock.now()),
    Monitors: env.monitors,
  });
}

export const createEnvironment: Handler = (ctx) => {
  const app = findApplication(ctx);
  const body = parseJsonBody(ctx.req.body);
  if (app.environments.size >= QUOTAS.environmentsPerApplication) throw quotaExceeded(`An application can have at most ${QUOTAS.environmentsPerApplication} environments`);
  const env: EnvironmentRecord = {
    id: newId(ctx.world),
    name: requiredString(body, "Name", NAME),
    description: optionalString(body, "Description", DESCRIPTION),
    monitors: readMonitors(body.Monitors),
    tags: readTags(body.Tags),
    deployments: [],
  };
  app.environments.set(env.id, env);
  return json(201, environmentShape(ctx, app.id, env), ctx.req.requestId);
};

export const getEnvironment: Handler = (ctx) => {
  const app = findApplication(ctx);
  return json(200, environmentShape(ctx, app.id, findEnvironment(ctx, app)), ctx.req.requestId);
};

export const listEnvironments: Handler = (ctx) => {
  const app = findApplication(ctx);
  const { page, nextToken } = paginate([...app.environments.values()], ctx.req.query);
  return json(200, compact({ Items: page.map((e) => environmentShape(ctx, app.id, e)), NextToken: nextToken }), ctx.req.requestId);
};

export const updateEnvironment: Handler = (ctx) => {
  const app = findApplication(ctx);
  const env = findEnvironment(ctx, app);
  const body = parseJsonBody(ctx.req.body);
  const name = optionalString(body, "Name", NAME);
  const description = optionalString(body, "Description", DESCRIPTION);
  if (name !== undefined) env.name = name;
  if (description !== undefined) env.description = description;
  if (body.Monitors !== undefined) env.monitors = readMonitors(body.Monitors);
  return json(200, environmentShape(ctx, app.id, env), ctx.req.requestId);
};

export const deleteEnvironment: Handler = (ctx) => {
  const app = findApplication(ctx);
  const env = findEnvironment(ctx, app);
  if (environmentState(env, ctx.world.clock.now()) === "DEPLOYING") {
    throw conflict(`Environment ${env.id} has a deployment in progress`);
  }
  app.environments.delete(env.id);
  return noContent(ctx.req.requestId);
};
