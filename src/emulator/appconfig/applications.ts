// Applications: CreateApplication, GetApplication, ListApplications, UpdateApplication, DeleteApplication.
import { badRequest, QUOTAS, quotaExceeded } from "./errors.js";
import { findApplication, type Handler } from "./context.js";
import { compact, DESCRIPTION, json, NAME, noContent, optionalString, paginate, parseJsonBody, readTags, requiredString } from "./rest-json.js";
import { newId, type ApplicationRecord } from "./state.js";

export function applicationShape(app: ApplicationRecord) {
  return compact({ Id: app.id, Name: app.name, Description: app.description });
}

export const createApplication: Handler = (ctx) => {
  const body = parseJsonBody(ctx.req.body);
  if (ctx.state.applications.size >= QUOTAS.applications) throw quotaExceeded(`An account can have at most ${QUOTAS.applications} applications per region`);
  const app: ApplicationRecord = {
    id: newId(ctx.world),
    name: requiredString(body, "Name", NAME),
    description: optionalString(body, "Description", DESCRIPTION),
    tags: readTags(body.Tags),
    environments: new Map(),
    profiles: new Map(),
  };
  ctx.state.applications.set(app.id, app);
  return json(201, applicationShape(app), ctx.req.requestId);
};

export const getApplication: Handler = (ctx) => json(200, applicationShape(findApplication(ctx)), ctx.req.requestId);

export const listApplications: Handler = (ctx) => {
  const { page, nextToken } = paginate([...ctx.state.applications.values()], ctx.req.query);
  return json(200, compact({ Items: page.map(applicationShape), NextToken: nextToken }), ctx.req.requestId);
};

export const updateApplication: Handler = (ctx) => {
  const app = findApplication(ctx);
  const body = parseJsonBody(ctx.req.body);
  const name = optionalString(body, "Name", NAME);
  const description = optionalString(body, "Description", DESCRIPTION);
  if (name !== undefined) app.name = name;
  if (description !== undefined) app.description = description;
  return json(200, applicationShape(app), ctx.req.requestId);
};

// Emulator choice (stricter than AWS may be): children must go first, so a provider that
// deletes in dependency order works here and on AWS alike.
export const deleteApplication: Handler = (ctx) => {
  const app = findApplication(ctx);
  if (app.environments.size > 0 || app.profiles.size > 0) {
    throw badRequest(`Application ${app.id} still has environments or configuration profiles; delete them first`);
  }
  ctx.state.applications.delete(app.id);
  return noContent(ctx.req.requestId);
};
