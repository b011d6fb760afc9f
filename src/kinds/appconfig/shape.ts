// Desired and live AppConfig resources in their canonical shapes.
import { ownedTags } from "../../model/ownership.js";
import type { AppConfigAppSpec, EnvironmentSpec, ProfileSpec } from "../../model/types.js";
import { canonicalJson } from "../../engine/canonical.js";
import type { ApplicationResource } from "./application/resource.js";
import type { EnvironmentResource } from "./environment/resource.js";
import type { ProfileResource } from "./profile/resource.js";
import type { LiveApplication, LiveEnvironment, LiveProfile } from "./live.js";

export function desiredApplication(app: AppConfigAppSpec, owner: string): ApplicationResource {
  return { name: app.name, region: app.region, description: app.description ?? "", tags: ownedTags(app.tags, owner) };
}

export function liveApplication(app: LiveApplication, region: string): ApplicationResource {
  return { name: app.name, region, description: app.description ?? "", tags: app.tags };
}

/** Desired (EnvironmentSpec) and live environments share these fields, so one shape serves both. */
export function environmentResource(app: AppConfigAppSpec, env: Pick<EnvironmentSpec | LiveEnvironment, "name" | "description" | "tags" | "monitors">): EnvironmentResource {
  const monitors = env.monitors && env.monitors.length > 0 ? { monitors: env.monitors.map((m) => ({ alarm: m.alarm, ...(m.role !== undefined ? { role: m.role } : {}) })) } : {};
  return { application: app.name, region: app.region, name: env.name, description: env.description ?? "", tags: env.tags, ...monitors };
}

/** Desired (ProfileSpec) and live profiles share these fields, so one shape serves both. */
export function profileResource(app: AppConfigAppSpec, profile: Pick<ProfileSpec | LiveProfile, "name" | "description" | "type" | "validators">): ProfileResource {
  return {
    application: app.name,
    region: app.region,
    name: profile.name,
    description: profile.description ?? "",
    type: profile.type,
    validators: profile.validators.map((v) => ({ type: v.type, content: canonicalText(v.content) })),
  };
}

/** JSON Schema validators compare as parsed JSON; anything else (Lambda ARNs) as text. */
function canonicalText(content: string): string {
  try {
    return canonicalJson(JSON.parse(content));
  } catch {
    return content;
  }
}
