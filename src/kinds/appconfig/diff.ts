// AppConfig per application (its account and region): application → environments and
// profiles → hosted versions (immutable: new content is a new version) → deployments.
import type { AppConfigAppSpec, ProfileSpec } from "../../model/types.js";
import { formatAddress } from "../../engine/address.js";
import { desiredApplication, environmentResource, liveApplication, profileResource } from "./shape.js";
import { canonicalJson, sha256Hex } from "../../engine/canonical.js";
import { asChange, makeChange } from "../../engine/change.js";
import { accountAddress, type DiffContext } from "../../engine/context.js";
import type { DeploymentResource } from "./deployment/resource.js";
import type { VersionResource } from "./version/resource.js";
import { describeOwnership, isClaimable, mayUpdate, ownershipOf, type Ownership } from "../../model/ownership.js";
import { claimReasons, type Reason } from "../../engine/reasons.js";
import type { ResourceByType } from "../../engine/resources.js";
import type { RolloutResource } from "./rollout/resource.js";
import { SENSITIVE } from "../../engine/sensitive.js";
import type { Change } from "../../engine/types.js";
import type { LiveApplication, LiveEnvironment, LiveProfile } from "./live.js";
import { strategyAddress } from "./strategy/diff.js";
import { flagChanges } from "../../model/feature-flags/compare.js";

/** Deployment states that end COMPLETE unless something rolls them back. */
const CONVERGING_STATES = new Set(["VALIDATING", "DEPLOYING", "BAKING"]);

type Base = { account: string; accountId: string | undefined; service: "appconfig" };

export function diffAppConfig(ctx: DiffContext): void {
  const wantedApps = new Set<string>();
  for (const app of ctx.desired.appconfig) {
    wantedApps.add(`${app.account}/${app.region}/${app.name}`);
    if (ctx.failedAccounts.has(app.account)) continue;
    const accountId = ctx.accountIds.get(app.account);
    const liveState = ctx.live.accounts[app.account];
    if (!liveState && accountId !== undefined) {
      ctx.conflicts.push({ address: `${app.account}/appconfig`, message: `live state of account ${app.account} (${accountId}) was not read` });
      continue;
    }
    const base: Base = { account: app.account, accountId, service: "appconfig" };
    const clash = liveState?.appconfigNameClashes?.[app.region]?.[app.name];
    if (clash !== undefined) {
      // Two live applications answer to this name: acting on either could be the wrong one.
      ctx.conflicts.push({ address: address(base, "application", `${app.region}/${app.name}`), message: clash });
      continue;
    }
    const live = liveState?.appconfig?.[app.region]?.[app.name];
    const strategies = liveState?.strategies?.[app.region];
    diffApplication(ctx, base, app, live, strategies, accountId === undefined ? [accountAddress(ctx, app.account)] : []);
  }
  for (const [key, state] of Object.entries(ctx.live.accounts)) {
    if (ctx.failedAccounts.has(key)) continue;
    for (const [region, apps] of Object.entries(state.appconfig ?? {})) {
      for (const app of Object.values(apps)) {
        // Only this owner's applications are leftovers; others' are none of this plan's business.
        if (wantedApps.has(`${key}/${region}/${app.name}`) || ownershipOf(app.tags, ctx.desired.settings.owner).kind !== "mine") continue;
        const base: Base = { account: key, accountId: ctx.accountIds.get(key) ?? state.accountId, service: "appconfig" };
        leftover(ctx, { ...base, type: "application", name: `${region}/${app.name}` }, liveApplication(app, region), "application");
      }
    }
  }
}

function diffApplication(
  ctx: DiffContext,
  base: Base,
  app: AppConfigAppSpec,
  live: LiveApplication | undefined,
  strategies: Record<string, string> | undefined,
  accountDeps: string[],
): void {
  const appName = `${app.region}/${app.name}`;
  const appAddress = address(base, "application", appName);
  const after = desiredApplication(app, ctx.desired.settings.owner);
  const owned = liveOwnership(live, app.region, ctx.desired.settings.owner);
  const before = live ? liveApplication(live, app.region) : null;
  const push = (c: Change) => ctx.changes.push(c);
  if (!before) {
    push(makeChange({ ...base, type: "application", name: appName, action: "create", before: null, after, dependsOn: accountDeps }));
  } else if (!mayUpdate(before.tags, ctx.desired.settings.owner, app.adopt)) {
    ctx.conflicts.push({ address: appAddress, message: `application ${app.name} exists and is ${describeOwnership(owned!)}; set adopt: true to take it over` });
    return;
  } else if (canonicalJson(before) !== canonicalJson(after)) {
    const action = owned && isClaimable(owned) ? "update" : "adopt";
    push(makeChange({ ...base, type: "application", name: appName, action, before, after, reasons: [...claimReasons(owned!), ...changedKeys(before, after)] }));
  }
  const appDeps = before ? [] : [appAddress];

  const liveEnvs = new Map((live?.environments ?? []).map((e) => [e.name, e]));
  for (const env of app.environments) {
    const name = `${appName}/${env.name}`;
    const want = environmentResource(app, env);
    const found = liveEnvs.get(env.name);
    const have = found ? environmentResource(app, found) : null;
    if (!have) push(makeChange({ ...base, type: "environment", name, action: "create", before: null, after: want, dependsOn: appDeps }));
    else if (canonicalJson(have) !== canonicalJson(want)) {
      push(makeChange({ ...base, type: "environment", name, action: "update", before: have, after: want, reasons: changedKeys(have, want) }));
    }
  }
  const wantedEnvs = new Set(app.environments.map((e) => e.name));
  for (const env of live?.environments ?? []) {
    if (!wantedEnvs.has(env.name)) leftover(ctx, { ...base, type: "environment", name: `${appName}/${env.name}` }, environmentResource(app, env), "environment");
  }

  const liveProfiles = new Map((live?.profiles ?? []).map((p) => [p.name, p]));
  for (const profile of app.profiles) {
    const name = `${appName}/${profile.name}`;
    const want = profileResource(app, profile);
    const found = liveProfiles.get(profile.name);
    const have = found ? profileResource(app, found) : null;
    if (!have) push(makeChange({ ...base, type: "profile", name, action: "create", before: null, after: want, dependsOn: appDeps }));
    else if (canonicalJson(have) !== canonicalJson(want)) {
      push(makeChange({ ...base, type: "profile", name, action: "update", before: have, after: want, reasons: changedKeys(have, want) }));
    }
    const profileDeps = have ? [] : [address(base, "profile", name)];
    const versions = diffVersions(ctx, base, app, profile, live, found, profileDeps);
    diffDeployments(ctx, base, app, profile, live, found, strategies, versions);
  }
  const wantedProfiles = new Set(app.profiles.map((p) => p.name));
  for (const profile of live?.profiles ?? []) {
    if (!wantedProfiles.has(profile.name)) leftover(ctx, { ...base, type: "profile", name: `${appName}/${profile.name}` }, profileResource(app, profile), "profile");
  }
}

/** Environments where a hosted version is deployed (last COMPLETE) or rolling out. */
function environmentsRunning(liveApp: LiveApplication | undefined, profile: LiveProfile, versionNumber: number): string[] {
  return (liveApp?.environments ?? [])
    .filter((env) => {
      const deployed = env.deployed[profile.id];
      return deployed?.version === String(versionNumber) || (deployed?.running && CONVERGING_STATES.has(deployed.running.state) && deployed.running.configurationVersion === String(versionNumber));
    })
    .map((env) => env.name);
}

/**
 * For a new version of a feature-flag profile: the flags it changes, compared with what the
 * first environment it is pinned to runs now (else the newest version read).
 */
function flagReasons(profile: ProfileSpec, label: string, content: string, liveApp: LiveApplication | undefined, live: LiveProfile | undefined): Reason[] {
  if (profile.type !== "AWS.AppConfig.FeatureFlags" || !live || live.versions.length === 0) return [];
  const pinnedTo = profile.deploy.find((d) => d.version === label)?.environment;
  const runningThere = liveApp?.environments.find((e) => e.name === pinnedTo)?.deployed[live.id]?.version;
  const base = live.versions.find((v) => String(v.versionNumber) === runningThere) ?? [...live.versions].sort((a, b) => b.versionNumber - a.versionNumber)[0]!;
  return (flagChanges(base.content, content) ?? []).map((f) => ({ kind: "changed", part: { kind: "flag", name: f.name, change: f.change } }));
}

interface VersionOutcome {
  /** Label → address of the version's create change. */
  created: Map<string, string>;
  /** Labels whose new content is a conflict: nothing deploys them. */
  refused: Set<string>;
}

/**
 * Creates missing versions, and says which labels it created and which it refused. A
 * label is a release: new content under a label that is live with other content is a
 * conflict, lifted by `replace: true` only where that label is deployed nowhere.
 */
function diffVersions(
  ctx: DiffContext,
  base: Base,
  app: AppConfigAppSpec,
  profile: ProfileSpec,
  liveApp: LiveApplication | undefined,
  live: LiveProfile | undefined,
  dependsOn: string[],
): VersionOutcome {
  const created = new Map<string, string>();
  const refused = new Set<string>();
  const liveShas = new Set((live?.versions ?? []).map((v) => v.contentSha256));
  for (const version of profile.versions) {
    const sha = sha256Hex(version.content);
    if (liveShas.has(sha)) continue;
    const sameLabel = live ? live.versions.filter((v) => v.description === version.label) : [];
    const versionAddress = address(base, "version", `${app.region}/${app.name}/${profile.name}/${version.label}`);
    if (live && sameLabel.length > 0) {
      const running = [...new Set(sameLabel.flatMap((v) => environmentsRunning(liveApp, live, v.versionNumber)))];
      if (running.length > 0) {
        ctx.conflicts.push({
          address: versionAddress,
          message: `version ${version.label} of profile ${profile.name} is deployed (${running.join(", ")}) and a released label's content never changes: add the new content under a new label and deploy that`,
        });
        refused.add(version.label);
        continue;
      }
      if (!version.replace) {
        ctx.conflicts.push({
          address: versionAddress,
          message: `version ${version.label} of profile ${profile.name} already exists with other content (deployed nowhere): add the new content under a new label, or set replace: true on ${version.label} to store it under the same label`,
        });
        refused.add(version.label);
        continue;
      }
    }
    // A sensitive version's plan holds neither its content nor a hash of it (see sensitive.ts).
    const after: VersionResource = {
      application: app.name,
      region: app.region,
      profile: profile.name,
      label: version.label,
      contentType: version.contentType,
      content: version.sensitive ? SENSITIVE : version.content,
      contentSha256: version.sensitive ? SENSITIVE : sha,
    };
    const name = `${app.region}/${app.name}/${profile.name}/${version.label}`;
    const reasons = version.sensitive ? [] : flagReasons(profile, version.label, version.content, liveApp, live);
    const change = makeChange({ ...base, type: "version", name, action: "create", before: null, after, dependsOn, sensitive: version.sensitive, reasons });
    ctx.changes.push(change);
    created.set(version.label, change.address);
  }
  return { created, refused };
}

function diffDeployments(
  ctx: DiffContext,
  base: Base,
  app: AppConfigAppSpec,
  profile: ProfileSpec,
  liveApp: LiveApplication | undefined,
  liveProf: LiveProfile | undefined,
  strategies: Record<string, string> | undefined,
  versions: VersionOutcome,
): void {
  // A profile with a sensitive version may have older secrets live: none of its content hashes go into the plan.
  const hidden = profile.versions.some((v) => v.sensitive);
  const shown = (sha: string | undefined) => (hidden && sha !== undefined ? SENSITIVE : sha);
  for (const deploy of profile.deploy) {
    const version = profile.versions.find((v) => v.label === deploy.version);
    if (!version || versions.refused.has(version.label)) continue; // the loader rejects the first; the second is a conflict already
    const name = `${app.region}/${app.name}/${deploy.environment}/${profile.name}`;
    // A strategy the YAML declares here but that does not exist yet is created first.
    const declared = (ctx.desired.strategies ?? []).some((st) => st.account === app.account && st.region === app.region && st.name === deploy.strategy);
    const strategyMissing = !strategies || strategies[deploy.strategy] === undefined;
    if (strategies && strategyMissing && !declared) {
      ctx.conflicts.push({ address: address(base, "deployment", name), message: `deployment strategy ${deploy.strategy} does not exist in ${app.region}` });
      continue;
    }
    const env = liveApp?.environments.find((e) => e.name === deploy.environment);
    const deployed = liveProf ? env?.deployed[liveProf.id] : undefined;
    const current = liveProf?.versions.find((v) => String(v.versionNumber) === deployed?.version);
    const sha = sha256Hex(version.content);
    const rolling = rollingOut(env, liveProf);
    const rollingOther = rolling !== undefined && rolling.contentSha256 !== sha;
    // Nothing to do only when the pinned content is deployed and nothing else is on its way.
    if (current?.contentSha256 === sha && !rollingOther) continue;
    if (rolling && !rollingOther) {
      const state = { application: app.name, region: app.region, environment: deploy.environment, profile: profile.name, versionLabel: version.label, contentSha256: shown(sha) };
      const reasons: Reason[] = [{ kind: "rolling-out", deploymentNumber: rolling.deploymentNumber, state: rolling.state, versionLabel: version.label }];
      ctx.changes.push(makeChange({ ...base, type: "deployment", name, action: "noop", before: state, after: state, reasons, sensitive: hidden }));
      continue;
    }
    // Another version rolling out is stopped by a change of its own, which AppConfig answers
    // by rolling back to what was deployed before: when that is the pin, the stop is all.
    const stop = rolling && stopRollout(ctx, base, name, app, deploy.environment, profile.name, rolling, shown, hidden);
    if (stop && current?.contentSha256 === sha) continue;
    const before: DeploymentResource | null = env
      ? {
          application: app.name,
          region: app.region,
          environment: deploy.environment,
          profile: profile.name,
          versionLabel: current?.description,
          contentSha256: shown(current?.contentSha256),
          versionNumber: current?.versionNumber,
        }
      : null;
    const after: DeploymentResource = { application: app.name, region: app.region, environment: deploy.environment, profile: profile.name, versionLabel: version.label, contentSha256: shown(sha)!, strategy: deploy.strategy };
    const appName = `${app.region}/${app.name}`;
    const dependsOn = [
      stop,
      versions.created.get(version.label),
      env ? undefined : address(base, "environment", `${appName}/${deploy.environment}`),
      liveProf ? undefined : address(base, "profile", `${appName}/${profile.name}`),
      declared && strategyMissing ? strategyAddress(app.account, app.region, deploy.strategy) : undefined,
    ].filter((a): a is string => a !== undefined);
    ctx.changes.push(makeChange({ ...base, type: "deployment", name, action: "deploy", before, after, dependsOn, reasons: stop ? [] : busyReasons(env, liveProf), sensitive: hidden }));
  }
}

/** The change that stops another version's rollout (destructive: it rolls AppConfig back); its address. */
function stopRollout(
  ctx: DiffContext,
  base: Base,
  name: string,
  app: AppConfigAppSpec,
  environment: string,
  profile: string,
  rolling: { deploymentNumber: number; contentSha256?: string; versionLabel?: string },
  shown: (sha: string | undefined) => string | undefined,
  hidden: boolean,
): string {
  const contentSha256 = shown(rolling.contentSha256);
  const before: RolloutResource = {
    application: app.name,
    region: app.region,
    environment,
    profile,
    deploymentNumber: rolling.deploymentNumber,
    ...(rolling.versionLabel !== undefined ? { versionLabel: rolling.versionLabel } : {}),
    ...(contentSha256 !== undefined ? { contentSha256 } : {}),
  };
  const reason: Reason = { kind: "stops-deployment", deploymentNumber: rolling.deploymentNumber, ...(rolling.versionLabel !== undefined ? { versionLabel: rolling.versionLabel } : {}) };
  const change = makeChange({ ...base, type: "rollout", name, action: "stop", before, after: null, destructive: true, reasons: [reason], sensitive: hidden });
  ctx.changes.push(change);
  return change.address;
}

/**
 * The deployment rolling out now in this environment and profile, and what it rolls out.
 * One rolling back is not: it ends ROLLED_BACK on its own.
 */
function rollingOut(
  env: LiveEnvironment | undefined,
  profile: LiveProfile | undefined,
): { deploymentNumber: number; state: string; contentSha256?: string; versionLabel?: string } | undefined {
  const running = profile ? env?.deployed[profile.id]?.running : undefined;
  if (!running || !CONVERGING_STATES.has(running.state)) return undefined;
  const version = profile?.versions.find((v) => String(v.versionNumber) === running.configurationVersion);
  return { deploymentNumber: running.deploymentNumber, state: running.state, contentSha256: version?.contentSha256, versionLabel: version?.description };
}

function busyReasons(env: LiveEnvironment | undefined, profile: LiveProfile | undefined): Reason[] {
  const running = profile ? env?.deployed[profile.id]?.running : undefined;
  if (!running) return [];
  return [{ kind: "busy", deploymentNumber: running.deploymentNumber, state: running.state }];
}

/** A managed resource the YAML no longer declares: deleted with prune, shown otherwise. */
function leftover<T extends "application" | "environment" | "profile">(ctx: DiffContext, id: Base & { type: T; name: string }, before: ResourceByType[T], what: string): void {
  if (ctx.prune) ctx.changes.push(asChange(makeChange({ ...id, action: "delete", before, after: null })));
  else ctx.changes.push(asChange(makeChange({ ...id, action: "noop", before, after: before, reasons: [{ kind: "orphan", what, removal: "prune" }] })));
}

function liveOwnership(live: LiveApplication | undefined, region: string, owner: string): Ownership | undefined {
  return live ? ownershipOf(liveApplication(live, region).tags, owner) : undefined;
}

function address(base: Base, type: string, name: string): string {
  return formatAddress({ account: base.account, service: "appconfig", type, name });
}

/** The attributes whose values differ, in the order `after` lists them. */
function changedKeys<T extends object>(before: T, after: T): Reason[] {
  const b = Object.entries(before);
  return Object.entries(after)
    .filter(([key, value]) => canonicalJson(value) !== canonicalJson(b.find(([k]) => k === key)?.[1]))
    .map(([name]) => ({ kind: "changed", part: { kind: "attribute", name } }));
}
