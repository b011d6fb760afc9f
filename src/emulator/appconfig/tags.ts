// Tags by ARN: TagResource, UntagResource, ListTagsForResource. Only the caller's own
// account and region resolve, as on AWS (a foreign ARN is simply not found).
import { badRequest, notFound } from "./errors.js";
import type { Ctx, Handler } from "./context.js";
import { json, noContent, parseJsonBody, readTags } from "./rest-json.js";
import type { Tags } from "./state.js";
import { PREDEFINED_STRATEGIES } from "./strategies.js";

const ARN = /^arn:aws[\w-]*:appconfig:([a-z0-9-]+):(\d{12}):(.+)$/;

function resourceTags(ctx: Ctx): Tags {
  const arn = ctx.params.ResourceArn!;
  const m = ARN.exec(arn);
  if (!m) throw badRequest(`Invalid resource ARN: ${arn}`);
  const [, region, accountId, resource] = m as unknown as [string, string, string, string];
  const missing = notFound("Resource", arn);
  if (region !== ctx.state.region || accountId !== ctx.state.accountId) throw missing;
  const parts = resource.split("/");
  if (parts[0] === "deploymentstrategy" && parts.length === 2) {
    if (PREDEFINED_STRATEGIES.some((s) => s.id === parts[1])) throw badRequest("Predefined deployment strategies cannot be tagged");
    const strategy = ctx.state.strategies.get(parts[1]!);
    if (!strategy) throw missing;
    return strategy.tags;
  }
  if (parts[0] !== "application" || parts.length < 2) throw badRequest(`Invalid resource ARN: ${arn}`);
  const app = ctx.state.applications.get(parts[1]!);
  if (!app) throw missing;
  if (parts.length === 2) return app.tags;
  if (parts[2] === "configurationprofile" && parts.length === 4) {
    const profile = app.profiles.get(parts[3]!);
    if (!profile) throw missing;
    return profile.tags;
  }
  if (parts[2] === "environment" && (parts.length === 4 || (parts.length === 6 && parts[4] === "deployment"))) {
    const env = app.environments.get(parts[3]!);
    if (!env) throw missing;
    if (parts.length === 4) return env.tags;
    const deployment = env.deployments[Number(parts[5]) - 1];
    if (!deployment) throw missing;
    return deployment.tags;
  }
  throw badRequest(`Invalid resource ARN: ${arn}`);
}

export const listTagsForResource: Handler = (ctx) => json(200, { Tags: resourceTags(ctx) }, ctx.req.requestId);

export const tagResource: Handler = (ctx) => {
  const tags = resourceTags(ctx);
  const added = readTags(parseJsonBody(ctx.req.body).Tags);
  if (Object.keys(added).length === 0) throw badRequest("Tags is required");
  const merged = { ...tags, ...added };
  if (Object.keys(merged).length > 50) throw badRequest("A resource can have at most 50 tags");
  Object.assign(tags, added);
  return noContent(ctx.req.requestId);
};

export const untagResource: Handler = (ctx) => {
  const tags = resourceTags(ctx);
  const keys = ctx.req.query.getAll("tagKeys");
  if (keys.length === 0) throw badRequest("TagKeys is required");
  for (const key of keys) delete tags[key];
  return noContent(ctx.req.requestId);
};
