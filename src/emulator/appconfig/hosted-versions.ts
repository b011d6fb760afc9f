// Hosted configuration versions: immutable, numbered 1, 2, 3… per profile. The content is
// the raw request/response body; the metadata travels in headers.
import type { EmuResponse } from "../types.js";
import { badRequest, conflict, notFound, payloadTooLarge } from "./errors.js";
import { findApplication, findProfile, type Ctx, type Handler } from "./context.js";
import { compact, json, noContent, paginate } from "./rest-json.js";
import type { HostedVersionRecord, ProfileRecord } from "./state.js";
import { validateContent, validateFeatureFlagContent } from "./validators.js";

export const FEATURE_FLAGS = "AWS.AppConfig.FeatureFlags";

/** AppConfig's default quota for a hosted configuration's size. */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;

function versionHeaders(ctx: Ctx, appId: string, profileId: string, v: HostedVersionRecord): Record<string, string> {
  return compact({
    "application-id": appId,
    "configuration-profile-id": profileId,
    "version-number": String(v.versionNumber),
    description: v.description,
    "content-type": v.contentType,
    versionlabel: v.versionLabel,
    "x-amzn-requestid": ctx.req.requestId,
  }) as Record<string, string>;
}

function versionResponse(ctx: Ctx, status: number, appId: string, profile: ProfileRecord, v: HostedVersionRecord): EmuResponse {
  return { status, headers: versionHeaders(ctx, appId, profile.id, v), body: v.content };
}

function latestVersionNumber(profile: ProfileRecord): number {
  return Math.max(0, ...profile.versions.keys());
}

/** Resolves a version number or label (StartDeployment accepts either). */
export function findVersion(profile: ProfileRecord, ref: string): HostedVersionRecord | undefined {
  if (/^\d+$/.test(ref)) return profile.versions.get(Number(ref));
  return [...profile.versions.values()].find((v) => v.versionLabel === ref);
}

function hostedProfile(ctx: Ctx) {
  const app = findApplication(ctx);
  const profile = findProfile(ctx, app);
  if (profile.locationUri !== "hosted") throw badRequest(`Configuration profile ${profile.id} is not hosted by AppConfig`);
  return { app, profile };
}

export const createHostedConfigurationVersion: Handler = (ctx) => {
  const { app, profile } = hostedProfile(ctx);
  const h = ctx.req.headers;
  const contentType = h["content-type"];
  if (!contentType) throw badRequest("ContentType is required");
  const content = ctx.req.body;
  if (content.length > MAX_CONTENT_BYTES) throw payloadTooLarge(MAX_CONTENT_BYTES, content.length);
  const description = h["description"];
  if (description !== undefined && description.length > 1024) throw badRequest("Description must be at most 1024 characters long");
  const versionLabel = h["versionlabel"];
  if (versionLabel !== undefined && (versionLabel.length > 64 || /^\d*$/.test(versionLabel))) {
    throw badRequest("VersionLabel must be 1 to 64 characters long and contain at least one non-numeric character");
  }
  const expected = h["latest-version-number"];
  if (expected !== undefined && Number(expected) !== latestVersionNumber(profile)) {
    throw conflict(`LatestVersionNumber ${expected} does not match the latest version ${latestVersionNumber(profile)}`);
  }
  if (profile.type === FEATURE_FLAGS) validateFeatureFlagContent(content);
  validateContent(profile.validators, content);
  const version: HostedVersionRecord = { versionNumber: profile.lastVersionNumber + 1, content: Buffer.from(content), contentType, description, versionLabel };
  profile.lastVersionNumber = version.versionNumber;
  profile.versions.set(version.versionNumber, version);
  return versionResponse(ctx, 201, app.id, profile, version);
};

export const getHostedConfigurationVersion: Handler = (ctx) => {
  const { app, profile } = hostedProfile(ctx);
  const version = profile.versions.get(Number(ctx.params.VersionNumber));
  if (!version) throw notFound("HostedConfigurationVersion", ctx.params.VersionNumber!);
  return versionResponse(ctx, 200, app.id, profile, version);
};

// Newest first.
export const listHostedConfigurationVersions: Handler = (ctx) => {
  const { app, profile } = hostedProfile(ctx);
  const label = ctx.req.query.get("version_label");
  const versions = [...profile.versions.values()]
    .filter((v) => label === null || v.versionLabel === label)
    .sort((a, b) => b.versionNumber - a.versionNumber);
  const { page, nextToken } = paginate(versions, ctx.req.query);
  const items = page.map((v) =>
    compact({ ApplicationId: app.id, ConfigurationProfileId: profile.id, VersionNumber: v.versionNumber, Description: v.description, ContentType: v.contentType, VersionLabel: v.versionLabel }),
  );
  return json(200, compact({ Items: items, NextToken: nextToken }), ctx.req.requestId);
};

export const deleteHostedConfigurationVersion: Handler = (ctx) => {
  const { profile } = hostedProfile(ctx);
  const number = Number(ctx.params.VersionNumber);
  if (!profile.versions.delete(number)) throw notFound("HostedConfigurationVersion", ctx.params.VersionNumber!);
  return noContent(ctx.req.requestId);
};
