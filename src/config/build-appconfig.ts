import path from "node:path";
import type { AppConfigAppSpec, DeploySpec, EnvironmentSpec, ProfileSpec, ValidatorSpec, VersionSpec } from "../model/types.js";
import type { Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { readReferenced } from "./files.js";
import { locate, locateLater } from "./locate.js";
import type { Entry } from "./merge.js";
import type { Origins } from "./origins.js";
import { child, type At } from "./source.js";

export const DEFAULT_STRATEGY = "AppConfig.AllAtOnce";

const FEATURE_FLAGS = "AWS.AppConfig.FeatureFlags";

interface Ctx {
  root: Root;
  origins: Origins;
  diags: Diagnostics;
}

/** One spec per region the application lives in (`regions: [...]`, else `region`, else the default). */
export async function buildApp(name: string, entry: Entry, defaultRegion: string, ctx: Ctx): Promise<AppConfigAppSpec[]> {
  const v = entry.value;
  if (v.region !== undefined && v.regions !== undefined) {
    ctx.diags.error(locate(child(entry.at, "regions"), { key: true }), `application ${name} has both "region" and "regions": give one`);
    return [];
  }
  const regions: string[] = Array.isArray(v.regions) ? [...new Set<string>(v.regions)] : [v.region ?? defaultRegion];
  const profiles: ProfileSpec[] = [];
  for (const [pname, p] of Object.entries<any>(v.profiles ?? {})) {
    profiles.push(await buildProfile(pname, p, child(entry.at, "profiles", pname), ctx));
  }
  const environments = buildEnvironments(v.environments, child(entry.at, "environments"), ctx.origins);
  return regions.map((region) => {
    const app: AppConfigAppSpec = {
      name,
      account: v.account,
      region,
      ...(v.description !== undefined ? { description: v.description } : {}),
      tags: v.tags ?? {},
      environments,
      profiles,
      adopt: v.adopt ?? false,
      loc: locateLater(entry.at, { key: true }),
    };
    ctx.origins.set(app, entry.at);
    return app;
  });
}

function buildEnvironments(envs: unknown, at: At, origins: Origins): EnvironmentSpec[] {
  const list: [string, any, At][] = Array.isArray(envs)
    ? envs.map((n: string, i) => [n, {}, child(at, i)])
    : Object.entries<any>(envs ?? {}).map(([n, e]) => [n, e ?? {}, child(at, n)]);
  return list.map(([name, e, envAt]) => {
    const spec: EnvironmentSpec = {
      name,
      ...(e.description !== undefined ? { description: e.description } : {}),
      tags: e.tags ?? {},
      ...(Array.isArray(e.monitors) && e.monitors.length > 0 ? { monitors: e.monitors.map((m: any) => ({ alarm: m.alarm, ...(m.role !== undefined ? { role: m.role } : {}) })) } : {}),
      loc: locateLater(envAt, { key: true }),
    };
    origins.set(spec, envAt);
    return spec;
  });
}

async function buildProfile(name: string, p: any, at: At, ctx: Ctx): Promise<ProfileSpec> {
  const validators: ValidatorSpec[] = [];
  for (const [i, val] of (p.validators ?? []).entries()) {
    const vAt = child(at, "validators", i, "jsonSchema");
    const schema = val.jsonSchema;
    const content = typeof schema === "string" ? await readReferenced(vAt, schema, ctx.root, ctx.diags) : JSON.stringify(schema, null, 2);
    if (content === undefined) continue;
    const spec: ValidatorSpec = { type: "JSON_SCHEMA", content, source: typeof schema === "string" ? schema : "inline" };
    ctx.origins.set(spec, vAt);
    validators.push(spec);
  }
  const versions: VersionSpec[] = [];
  for (const [label, ver] of Object.entries<any>(p.versions ?? {})) {
    const vAt = child(at, "versions", label);
    const spec = await buildVersion(label, ver, vAt, ctx, p.type === FEATURE_FLAGS);
    if (spec) versions.push(spec);
  }
  const deploy: DeploySpec[] = Object.entries<any>(p.deploy ?? {}).map(([environment, d]) => {
    const dAt = child(at, "deploy", environment);
    const spec: DeploySpec = { environment, version: d.version, strategy: d.strategy ?? DEFAULT_STRATEGY, loc: locateLater(dAt, { key: true }) };
    ctx.origins.set(spec, dAt);
    return spec;
  });
  const profile: ProfileSpec = {
    name,
    ...(p.description !== undefined ? { description: p.description } : {}),
    type: p.type === FEATURE_FLAGS ? FEATURE_FLAGS : "AWS.Freeform",
    validators,
    versions,
    deploy,
    loc: locateLater(at, { key: true }),
  };
  ctx.origins.set(profile, at);
  return profile;
}

async function buildVersion(label: string, ver: any, at: At, ctx: Ctx, featureFlags: boolean): Promise<VersionSpec | undefined> {
  const hasFile = ver.file !== undefined;
  const hasFlags = ver.flags !== undefined || ver.values !== undefined;
  if (hasFlags && !featureFlags) {
    ctx.diags.error(locate(child(at, ver.flags !== undefined ? "flags" : "values"), { key: true }), `"flags" and "values" need a profile of type ${FEATURE_FLAGS}`);
    return undefined;
  }
  if ([hasFile, ver.content !== undefined, hasFlags].filter(Boolean).length !== 1) {
    const forms = featureFlags ? '"flags"/"values", "file" or "content"' : '"file" or "content"';
    ctx.diags.error(locate(at, { key: true }), `version ${label} needs exactly one of ${forms}`);
    return undefined;
  }
  let content: string | undefined;
  let contentType: string;
  if (hasFlags) {
    // AWS's feature-flag document; only its schema version is implied.
    content = JSON.stringify({ version: "1", ...(ver.flags !== undefined ? { flags: ver.flags } : {}), ...(ver.values !== undefined ? { values: ver.values } : {}) }, null, 2);
    contentType = "application/json";
  } else if (hasFile) {
    content = await readReferenced(child(at, "file"), ver.file, ctx.root, ctx.diags);
    contentType = contentTypeOf(ver.file);
  } else if (typeof ver.content === "string") {
    content = ver.content;
    contentType = "text/plain";
  } else {
    content = JSON.stringify(ver.content, null, 2);
    contentType = "application/json";
  }
  if (content === undefined) return undefined;
  const spec: VersionSpec = {
    label,
    content,
    contentType: ver.contentType ?? contentType,
    sensitive: ver.sensitive ?? false,
    ...(ver.replace === true ? { replace: true } : {}),
    loc: locateLater(at, { key: true }),
  };
  ctx.origins.set(spec, at);
  return spec;
}

function contentTypeOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".json") return "application/json";
  if (ext === ".yaml" || ext === ".yml") return "application/x-yaml";
  return "text/plain";
}
