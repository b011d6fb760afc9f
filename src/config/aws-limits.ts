// AWS's documented size limits for what orgctl creates, checked at validate: a value AWS
// would refuse otherwise passes the PR and fails mid-apply, after other changes (deletes
// included) have run. Each limit cites where AWS documents it.
import type { Tags } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";
import type { Segment } from "./source.js";

/**
 * AppConfig hosted configuration content: 2 MB by default (AWS General Reference, "AWS
 * AppConfig endpoints and quotas": configuration size in the hosted configuration store);
 * CreateHostedConfigurationVersion answers PayloadTooLargeException above it.
 */
export const APPCONFIG_CONTENT_BYTES = 2 * 1024 * 1024;
/** Validator Content: 0-32768 characters (AppConfig API Reference, "Validator" data type). */
const APPCONFIG_VALIDATOR_CHARS = 32768;
/**
 * Description of an application, environment, configuration profile or hosted version:
 * 0-1024 characters (AppConfig API Reference: CreateApplication, CreateEnvironment,
 * CreateConfigurationProfile, CreateHostedConfigurationVersion). orgctl stores a version's
 * label as its Description.
 */
const APPCONFIG_DESCRIPTION_CHARS = 1024;
/** ContentType: 1-255 characters (AppConfig API Reference, CreateHostedConfigurationVersion). */
const APPCONFIG_CONTENT_TYPE_CHARS = 255;
/** Role Description: 0-1000 characters (IAM API Reference, CreateRole). */
const IAM_DESCRIPTION_CHARS = 1000;
/**
 * Tags, the same for IAM, Organizations and AppConfig: key 1-128 characters, value 0-256,
 * at most 50 per resource (IAM API Reference "Tag"; Organizations API Reference "Tag";
 * AppConfig API Reference TagResource; IAM User Guide "IAM and AWS STS quotas").
 */
const TAG_KEY_CHARS = 128;
const TAG_VALUE_CHARS = 256;
const TAGS_PER_RESOURCE = 50;

export function checkAwsLimits(ctx: CheckContext): void {
  const { state } = ctx;
  for (const unit of state.organization?.units ?? []) checkTags(ctx, unit, unit.tags);
  for (const account of state.accounts) checkTags(ctx, account, account.tags);
  for (const role of state.roles) {
    checkLength(ctx, role, ["description"], role.description, IAM_DESCRIPTION_CHARS, "IAM allows");
    checkTags(ctx, role, role.tags, false); // the count is checked with the other IAM rules
  }
  for (const app of state.appconfig) {
    checkLength(ctx, app, ["description"], app.description, APPCONFIG_DESCRIPTION_CHARS, "AppConfig allows");
    checkTags(ctx, app, app.tags);
    for (const env of app.environments) {
      checkLength(ctx, env, ["description"], env.description, APPCONFIG_DESCRIPTION_CHARS, "AppConfig allows");
      checkTags(ctx, env, env.tags);
    }
    for (const profile of app.profiles) {
      checkLength(ctx, profile, ["description"], profile.description, APPCONFIG_DESCRIPTION_CHARS, "AppConfig allows");
      for (const v of profile.validators) checkLength(ctx, v, [], v.content, APPCONFIG_VALIDATOR_CHARS, "AppConfig allows a validator");
      for (const version of profile.versions) {
        const bytes = Buffer.byteLength(version.content, "utf8");
        if (bytes > APPCONFIG_CONTENT_BYTES) {
          const at = originOf(ctx, version);
          errorAt(ctx, at, label(at.path, `content is ${bytes} bytes; AppConfig hosted configurations hold at most ${APPCONFIG_CONTENT_BYTES} (2 MB)`), true);
        }
        checkLength(ctx, version, [], version.label, APPCONFIG_DESCRIPTION_CHARS, "AppConfig allows a version label (stored as its description)", true);
        checkLength(ctx, version, ["contentType"], version.contentType, APPCONFIG_CONTENT_TYPE_CHARS, "AppConfig allows a content type");
      }
    }
  }
}

function checkLength(ctx: CheckContext, spec: object, path: Segment[], value: string | undefined, max: number, who: string, key = false): void {
  if (value === undefined || value.length <= max) return;
  const at = originOf(ctx, spec, ...path);
  errorAt(ctx, at, label(at.path, `is ${value.length} characters; ${who} at most ${max}`), key);
}

function checkTags(ctx: CheckContext, spec: object, tags: Tags, count = true): void {
  const keys = Object.keys(tags);
  if (count && keys.length > TAGS_PER_RESOURCE) {
    const at = originOf(ctx, spec, "tags");
    errorAt(ctx, at, label(at.path, `${keys.length} tags; AWS allows at most ${TAGS_PER_RESOURCE} per resource`));
  }
  for (const key of keys) {
    if (key.length > TAG_KEY_CHARS) {
      const at = originOf(ctx, spec, "tags", key);
      errorAt(ctx, at, label(at.path, `tag key is ${key.length} characters; AWS allows at most ${TAG_KEY_CHARS}`), true);
    }
    const value = tags[key] ?? "";
    if (value.length > TAG_VALUE_CHARS) {
      const at = originOf(ctx, spec, "tags", key);
      errorAt(ctx, at, label(at.path, `tag value is ${value.length} characters; AWS allows at most ${TAG_VALUE_CHARS}`));
    }
  }
}
