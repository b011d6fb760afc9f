// AWS's documented size limits for what orgctl creates, checked at validate: a value AWS
// would refuse otherwise passes the PR and fails mid-apply, after other changes (deletes
// included) have run. Each limit cites where AWS documents it. Lengths the schema
// (schemas/orgctl.schema.json) already bounds are not repeated here; their sources:
// descriptions 0-1024 characters for AppConfig applications, environments and profiles
// (AppConfig API Reference: CreateApplication, CreateEnvironment, CreateConfigurationProfile)
// and 0-1000 for roles (IAM API Reference, CreateRole); tag keys 1-128 and values 0-256
// characters (IAM, Organizations and AppConfig API References, "Tag").
import type { Tags } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";

/**
 * AppConfig hosted configuration content: 2 MB by default (AWS General Reference, "AWS
 * AppConfig endpoints and quotas": configuration size in the hosted configuration store);
 * CreateHostedConfigurationVersion answers PayloadTooLargeException above it.
 */
export const APPCONFIG_CONTENT_BYTES = 2 * 1024 * 1024;
/** Validator Content: 0-32768 characters (AppConfig API Reference, "Validator" data type). */
const APPCONFIG_VALIDATOR_CHARS = 32768;
/** ContentType: 1-255 characters (AppConfig API Reference, CreateHostedConfigurationVersion). */
const APPCONFIG_CONTENT_TYPE_CHARS = 255;
/**
 * At most 50 tags per resource (Organizations API Reference, TagResource; AppConfig API
 * Reference, TagResource). Roles' count is checked with the other IAM rules.
 */
const TAGS_PER_RESOURCE = 50;

export function checkAwsLimits(ctx: CheckContext): void {
  const { state } = ctx;
  for (const unit of state.organization?.units ?? []) checkTagCount(ctx, unit, unit.tags);
  for (const account of state.accounts) checkTagCount(ctx, account, account.tags);
  for (const app of state.appconfig) {
    checkTagCount(ctx, app, app.tags);
    for (const env of app.environments) checkTagCount(ctx, env, env.tags);
    for (const profile of app.profiles) {
      for (const v of profile.validators) {
        if (v.content.length <= APPCONFIG_VALIDATOR_CHARS) continue;
        const at = originOf(ctx, v);
        errorAt(ctx, at, label(at.path, `is ${v.content.length} characters; AppConfig allows a validator at most ${APPCONFIG_VALIDATOR_CHARS}`));
      }
      for (const version of profile.versions) {
        const bytes = Buffer.byteLength(version.content, "utf8");
        if (bytes > APPCONFIG_CONTENT_BYTES) {
          const at = originOf(ctx, version);
          errorAt(ctx, at, label(at.path, `content is ${bytes} bytes; AppConfig hosted configurations hold at most ${APPCONFIG_CONTENT_BYTES} (2 MB)`), true);
        }
        if (version.contentType.length > APPCONFIG_CONTENT_TYPE_CHARS) {
          const at = originOf(ctx, version, "contentType");
          errorAt(ctx, at, label(at.path, `is ${version.contentType.length} characters; AppConfig allows a content type at most ${APPCONFIG_CONTENT_TYPE_CHARS}`));
        }
      }
    }
  }
}

function checkTagCount(ctx: CheckContext, spec: object, tags: Tags): void {
  const count = Object.keys(tags).length;
  if (count <= TAGS_PER_RESOURCE) return;
  const at = originOf(ctx, spec, "tags");
  errorAt(ctx, at, label(at.path, `${count} tags; AWS allows at most ${TAGS_PER_RESOURCE} per resource`));
}
