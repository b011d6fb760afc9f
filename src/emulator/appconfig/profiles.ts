// Configuration profiles: Create/Get/List/Update/DeleteConfigurationProfile.
import { badRequest, conflict, QUOTAS, quotaExceeded } from "./errors.js";
import { findApplication, findProfile, type Handler } from "./context.js";
import { compact, DESCRIPTION, json, NAME, noContent, optionalString, paginate, parseJsonBody, readTags, requiredString } from "./rest-json.js";
import { newId, type ProfileRecord } from "./state.js";
import { readValidators } from "./validators.js";

const PROFILE_TYPES = ["AWS.Freeform", "AWS.AppConfig.FeatureFlags"];
const LOCATION_URI = /^(hosted|s3:\/\/.+|ssm-parameter:\/\/.+|ssm-document:\/\/.+|codepipeline:\/\/.+|secretsmanager:\/\/.+|arn:aws[\w-]*:.+)$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;

function profileShape(appId: string, p: ProfileRecord) {
  return compact({
    ApplicationId: appId,
    Id: p.id,
    Name: p.name,
    Description: p.description,
    LocationUri: p.locationUri,
    RetrievalRoleArn: p.retrievalRoleArn,
    Validators: p.validators.length > 0 ? p.validators : undefined,
    Type: p.type,
  });
}

function summaryShape(appId: string, p: ProfileRecord) {
  return compact({
    ApplicationId: appId,
    Id: p.id,
    Name: p.name,
    LocationUri: p.locationUri,
    ValidatorTypes: p.validators.length > 0 ? p.validators.map((v) => v.Type) : undefined,
    Type: p.type,
  });
}

export const createConfigurationProfile: Handler = (ctx) => {
  const app = findApplication(ctx);
  const body = parseJsonBody(ctx.req.body);
  if (app.profiles.size >= QUOTAS.profilesPerApplication) throw quotaExceeded(`An application can have at most ${QUOTAS.profilesPerApplication} configuration profiles`);
  const locationUri = requiredString(body, "LocationUri", { min: 1, max: 2048, pattern: LOCATION_URI });
  const type = optionalString(body, "Type") ?? "AWS.Freeform";
  if (!PROFILE_TYPES.includes(type)) throw badRequest(`Type must be one of ${PROFILE_TYPES.join(", ")}`);
  const retrievalRoleArn = optionalString(body, "RetrievalRoleArn", { min: 20, max: 2048, pattern: ROLE_ARN });
  if (locationUri !== "hosted" && !locationUri.startsWith("codepipeline://") && retrievalRoleArn === undefined) {
    throw badRequest("RetrievalRoleArn is required for configurations not hosted by AppConfig");
  }
  const profile: ProfileRecord = {
    id: newId(ctx.world),
    name: requiredString(body, "Name", { ...NAME, max: 128 }),
    description: optionalString(body, "Description", DESCRIPTION),
    locationUri,
    retrievalRoleArn,
    type,
    validators: readValidators(body.Validators),
    tags: readTags(body.Tags),
    versions: new Map(),
    lastVersionNumber: 0,
  };
  app.profiles.set(profile.id, profile);
  return json(201, profileShape(app.id, profile), ctx.req.requestId);
};

export const getConfigurationProfile: Handler = (ctx) => {
  const app = findApplication(ctx);
  return json(200, profileShape(app.id, findProfile(ctx, app)), ctx.req.requestId);
};

export const listConfigurationProfiles: Handler = (ctx) => {
  const app = findApplication(ctx);
  const type = ctx.req.query.get("type");
  const profiles = [...app.profiles.values()].filter((p) => type === null || p.type === type);
  const { page, nextToken } = paginate(profiles, ctx.req.query);
  return json(200, compact({ Items: page.map((p) => summaryShape(app.id, p)), NextToken: nextToken }), ctx.req.requestId);
};

export const updateConfigurationProfile: Handler = (ctx) => {
  const app = findApplication(ctx);
  const profile = findProfile(ctx, app);
  const body = parseJsonBody(ctx.req.body);
  const name = optionalString(body, "Name", { ...NAME, max: 128 });
  const description = optionalString(body, "Description", DESCRIPTION);
  const retrievalRoleArn = optionalString(body, "RetrievalRoleArn", { min: 20, max: 2048, pattern: ROLE_ARN });
  if (name !== undefined) profile.name = name;
  if (description !== undefined) profile.description = description;
  if (retrievalRoleArn !== undefined) profile.retrievalRoleArn = retrievalRoleArn;
  if (body.Validators !== undefined) profile.validators = readValidators(body.Validators);
  return json(200, profileShape(app.id, profile), ctx.req.requestId);
};

// AppConfig asks for hosted versions to be deleted before their profile; ConflictException otherwise.
export const deleteConfigurationProfile: Handler = (ctx) => {
  const app = findApplication(ctx);
  const profile = findProfile(ctx, app);
  if (profile.versions.size > 0) throw conflict(`Configuration profile ${profile.id} still has hosted configuration versions; delete them first`);
  app.profiles.delete(profile.id);
  return noContent(ctx.req.requestId);
};
