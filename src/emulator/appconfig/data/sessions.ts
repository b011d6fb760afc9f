// AppConfigData's two operations (botocore appconfigdata 2021-11-11): StartConfigurationSession
// (POST /configurationsessions, 201) and GetLatestConfiguration (GET /configuration, 200,
// the configuration as the raw body, everything else in headers).
import { createHash } from "node:crypto";
import type { EmuResponse } from "../../types.js";
import type { Ctx, Handler } from "../context.js";
import { parseJsonBody, type JsonBody } from "../rest-json.js";
import { newId, type ApplicationRecord, type SessionRecord } from "../state.js";
import { badRequest, invalidToken, notFound } from "./errors.js";
import { forgetExpiredSessions, issueToken, redeemToken } from "./tokens.js";
import { servedContent, servedDeployment } from "./served.js";
import { byIdOrName } from "./identifiers.js";

/** What GetLatestConfiguration advises when the session set no minimum (the user guide's examples show 60). */
const DEFAULT_POLL_SECONDS = 60;

function identifier(body: JsonBody, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw badRequest(`${name} is required`);
  if (typeof value !== "string" || value.length < 1 || value.length > 128) throw badRequest(`${name} must be a string of 1 to 128 characters`);
  return value;
}

function pollSeconds(body: JsonBody): number | undefined {
  const value = body.RequiredMinimumPollIntervalInSeconds;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 15 || value > 86400) {
    throw badRequest("RequiredMinimumPollIntervalInSeconds must be an integer between 15 and 86400");
  }
  return value;
}

/** A stable bucket in [0, 100) per session, from its id. */
function bucketOf(sessionId: string): number {
  return createHash("sha256").update(sessionId).digest().readUInt32BE(0) % 10_000 / 100;
}

export const startConfigurationSession: Handler = (ctx) => {
  const body = parseJsonBody(ctx.req.body);
  const appRef = identifier(body, "ApplicationIdentifier");
  const envRef = identifier(body, "EnvironmentIdentifier");
  const profileRef = identifier(body, "ConfigurationProfileIdentifier");
  const minimumPollSeconds = pollSeconds(body);
  const app: ApplicationRecord | undefined = byIdOrName(ctx.state.applications, appRef);
  if (!app) throw notFound("Application", `Application ${appRef} not found`, { ApplicationIdentifier: appRef });
  const env = byIdOrName(app.environments, envRef);
  if (!env) throw notFound("Environment", `Environment ${envRef} not found in application ${app.id}`, { EnvironmentIdentifier: envRef });
  const profile = byIdOrName(app.profiles, profileRef);
  if (!profile) throw notFound("ConfigurationProfile", `Configuration profile ${profileRef} not found in application ${app.id}`, { ConfigurationProfileIdentifier: profileRef });

  forgetExpiredSessions(ctx.world, ctx.state);
  const id = newId(ctx.world) + newId(ctx.world);
  const session: SessionRecord = {
    id,
    applicationId: app.id,
    environmentId: env.id,
    profileId: profile.id,
    minimumPollSeconds,
    bucket: bucketOf(id),
    token: { sequence: 0, nonce: "", issuedAt: 0 },
  };
  ctx.state.sessions.set(id, session);
  const token = issueToken(ctx.world, session);
  return { status: 201, headers: { "content-type": "application/json", "x-amzn-requestid": ctx.req.requestId }, body: JSON.stringify({ InitialConfigurationToken: token }) };
};

function configurationToken(ctx: Ctx): string {
  const token = ctx.req.query.get("configuration_token");
  if (token === null || token === "") throw badRequest("ConfigurationToken is required");
  if (!/^\S{1,8192}$/.test(token)) throw invalidToken("Corrupted", "The configuration token is not valid");
  return token;
}

export const getLatestConfiguration: Handler = (ctx): EmuResponse => {
  const session = redeemToken(ctx.world, ctx.state, configurationToken(ctx));
  const now = ctx.world.clock.wallNow();
  const minimum = session.minimumPollSeconds;
  if (minimum !== undefined && session.lastPollAt !== undefined && now < session.lastPollAt + minimum * 1000) {
    throw invalidToken("PollIntervalNotSatisfied", `This session polls at most every ${minimum} seconds (RequiredMinimumPollIntervalInSeconds)`);
  }
  const app = ctx.state.applications.get(session.applicationId);
  const env = app?.environments.get(session.environmentId);
  const profile = app?.profiles.get(session.profileId);
  if (!app || !env || !profile) throw notFound("Configuration", "The session's application, environment or configuration profile no longer exists");
  const deployment = servedDeployment(env, profile.id, session.bucket, ctx.world.clock.now());
  if (!deployment) throw notFound("Deployment", `No configuration of profile ${profile.id} has been deployed to environment ${env.id}`);
  const hosted = deployment.hosted;
  if (!hosted) throw notFound("Configuration", `Configuration profile ${profile.id} is not hosted by AppConfig; the emulator serves hosted configurations only`);
  const served = servedContent(profile, { ...deployment, hosted });

  const changed = served.key !== session.lastServed;
  session.lastServed = served.key;
  session.lastPollAt = now;
  const headers: Record<string, string> = {
    "next-poll-configuration-token": issueToken(ctx.world, session),
    "next-poll-interval-in-seconds": String(minimum ?? DEFAULT_POLL_SECONDS),
    "x-amzn-requestid": ctx.req.requestId,
  };
  if (!changed) return { status: 200, headers, body: Buffer.alloc(0) };
  headers["content-type"] = served.contentType;
  if (served.versionLabel !== undefined) headers["version-label"] = served.versionLabel;
  return { status: 200, headers, body: served.content };
};
