import { compileAppConfigSchema, SchemaError, SchemaRecursion, type CheckFunction } from "../model/appconfig-schema.js";
import { parseJsonText } from "../model/json-text.js";
import type { AppConfigAppSpec, ProfileSpec } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { at as label } from "./path-label.js";
import { checkFeatureFlags } from "./feature-flag-rules.js";

const PREDEFINED_STRATEGIES = new Set([
  "AppConfig.AllAtOnce",
  "AppConfig.Linear50PercentEvery30Seconds",
  "AppConfig.Canary10Percent20Minutes",
  "AppConfig.Linear20PercentEvery6Minutes",
]);

export function checkAppConfig(ctx: CheckContext): void {
  for (const app of ctx.state.appconfig) {
    checkEnvironments(ctx, app);
    for (const profile of app.profiles) {
      checkProfile(ctx, app, profile);
      checkFeatureFlags(ctx, profile);
    }
  }
}

function checkEnvironments(ctx: CheckContext, app: AppConfigAppSpec): void {
  const seen = new Set<string>();
  for (const env of app.environments) {
    if (seen.has(env.name)) {
      const at = originOf(ctx, env);
      errorAt(ctx, at, label(at.path, `environment "${env.name}" is listed twice`));
    }
    seen.add(env.name);
  }
}

function checkProfile(ctx: CheckContext, app: AppConfigAppSpec, profile: ProfileSpec): void {
  const validators: { fn: CheckFunction; source: string }[] = [];
  for (const v of profile.validators) {
    const at = originOf(ctx, v);
    const fn = compile(v.content, (msg) => errorAt(ctx, at, label(at.path, `${v.source}: ${msg}`)));
    if (fn) validators.push({ fn, source: v.source });
  }
  for (const version of profile.versions) {
    const at = originOf(ctx, version);
    const report = (msg: string) => errorAt(ctx, at, label(at.path, msg), true);
    const isJson = version.contentType === "application/json";
    if (!isJson && validators.length === 0) continue;
    // Positions only: the parser's own message would quote the content.
    const parsed = parseJsonText(version.content);
    if ("problem" in parsed) {
      report(`content ${parsed.problem}${isJson ? "" : " (JSON Schema validators need JSON)"}`);
      continue;
    }
    for (const { fn, source } of validators) {
      let result;
      try {
        result = fn(parsed.value);
      } catch (err) {
        if (!(err instanceof SchemaRecursion)) throw err;
        report(`version ${version.label} cannot be checked against ${source}: ${err.message}`);
        continue;
      }
      if (result.valid) continue;
      // A sensitive version's property names are part of its content: name only what failed.
      const problems = result.errors.slice(0, 3).map((e) => (version.sensitive ? `a value fails "${e.keyword}"` : `${e.instancePath || "(root)"} ${e.message}`));
      report(`version ${version.label} does not match ${source}: ${problems.join("; ")}`);
    }
  }
  const envs = new Set(app.environments.map((e) => e.name));
  const labels = new Set(profile.versions.map((v) => v.label));
  for (const d of profile.deploy) {
    const at = originOf(ctx, d);
    if (!envs.has(d.environment)) errorAt(ctx, at, label(at.path, `unknown environment "${d.environment}" (application ${app.name} has: ${[...envs].join(", ") || "none"})`), true);
    if (!labels.has(d.version) && !ctx.incomplete.has(`appconfig:${app.name}`)) {
      const vAt = originOf(ctx, d, "version");
      errorAt(ctx, vAt, label(vAt.path, `unknown version "${d.version}" (profile ${profile.name} has: ${[...labels].join(", ") || "none"})`));
    }
    if (d.strategy.startsWith("AppConfig.") && !PREDEFINED_STRATEGIES.has(d.strategy)) {
      const sAt = originOf(ctx, d, "strategy");
      errorAt(ctx, sAt, label(sAt.path, `unknown predefined strategy "${d.strategy}" (${[...PREDEFINED_STRATEGIES].join(", ")})`));
    }
  }
}

function compile(content: string, report: (msg: string) => void): CheckFunction | undefined {
  try {
    return compileAppConfigSchema(content);
  } catch (err) {
    if (!(err instanceof SchemaError)) throw err;
    report(err.message);
    return undefined;
  }
}
