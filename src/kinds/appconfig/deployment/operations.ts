// Hosted versions and deployments. Versions are found by content (sha256), so a version
// created by an interrupted run (or by a create whose answer was lost) is reused, and a
// deployment already done, already running with the same version, or started by this
// operation's own lost StartDeployment is followed, not started again. Only one deployment
// may run per environment: another one running is reported as a blocker. Waiting for a
// deployment has a deadline derived from its strategy.
import { createHash } from "node:crypto";
import {
  CreateHostedConfigurationVersionCommand,
  GetDeploymentCommand,
  GetHostedConfigurationVersionCommand,
  ListDeploymentsCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  paginateListDeploymentStrategies,
  paginateListHostedConfigurationVersions,
  type DeploymentEvent,
  type DeploymentSummary,
  type HostedConfigurationVersionSummary,
} from "@aws-sdk/client-appconfig";
import { pollUntil } from "../../../aws/retry/deadline.js";
import { sendOnce } from "../../../aws/retry/send-once.js";
import { hasCode } from "../../../aws/retry/transient.js";
import type { ApplyContext } from "../../../engine/operation.js";
import type { ChangeBase, ChangeOf } from "../../../engine/types.js";
import { wanted, type Target } from "../target.js";
import type { DeploymentResource } from "./resource.js";

const RUNNING_STATES = new Set(["DEPLOYING", "BAKING", "VALIDATING", "ROLLING_BACK"]);
const FAILED_STATES = new Set(["ROLLED_BACK", "REVERTED"]);

/** Raised when AppConfig is busy with another deployment in the environment. */
export class EnvironmentBusyError extends Error {}

export async function createVersion(t: Target, change: ChangeOf<"version">, ctx: ApplyContext): Promise<void> {
  const v = wanted(change.after, change);
  const appId = await t.directory.requireApplication(v.application);
  const profileId = await requireProfile(t, appId, v.profile);
  const existing = await findVersion(t, appId, profileId, v.contentSha256, v.label);
  if (existing.number !== undefined) return;
  await sendOnce({
    send: async () => {
      const out = await t.once.send(
        new CreateHostedConfigurationVersionCommand({
          ApplicationId: appId,
          ConfigurationProfileId: profileId,
          Content: Buffer.from(v.content, "utf8"),
          ContentType: v.contentType,
          Description: v.label,
          // Optimistic lock: fails instead of racing another writer of this profile.
          LatestVersionNumber: existing.latest,
        }),
      );
      return out.VersionNumber;
    },
    // None had this content before: one that has it now is this create's own (its answer lost).
    find: async () => (await findVersion(t, appId, profileId, v.contentSha256, v.label)).number,
    onResend: (failure) => ctx.progress(`${change.address}: ${failure} and no version with this content yet; sending again`),
  });
}

export async function deploy(t: Target, change: ChangeOf<"deployment">, ctx: ApplyContext): Promise<void> {
  const d = wanted(change.after, change);
  const appId = await t.directory.requireApplication(d.application);
  const envId = await t.directory.environment(appId, d.environment);
  if (!envId) throw new Error(`environment ${d.environment} of ${d.application} does not exist`);
  const profileId = await requireProfile(t, appId, d.profile);
  const version = await findVersion(t, appId, profileId, d.contentSha256!, d.versionLabel);
  if (version.number === undefined) throw new Error(`no hosted version of ${d.profile} has the content of ${d.versionLabel}: run plan again`);
  const pinned = String(version.number);

  let recent = await recentDeployments(t, appId, envId);
  const running = recent.find((r) => RUNNING_STATES.has(r.State ?? ""));
  if (running) {
    // Ours from an interrupted run: follow it instead of failing on it.
    if (running.ConfigurationProfileId === profileId && running.ConfigurationVersion === pinned) {
      return ctx.wait ? waitFor(t, appId, envId, running.DeploymentNumber!, change, ctx) : reportState(t, appId, envId, running.DeploymentNumber!, change, ctx);
    }
    // The plan showed this rollout and that apply stops it; any other is someone else's.
    const planned = change.before?.rollingOut?.deploymentNumber;
    if (planned === undefined || planned !== running.DeploymentNumber) throw busy(d.environment, running);
    await stopDeployment(t, appId, envId, planned, change, ctx);
    recent = await recentDeployments(t, appId, envId);
  }
  const last = recent.find((r) => r.ConfigurationProfileId === profileId && r.State === "COMPLETE");
  if (last?.ConfigurationVersion === pinned) return;

  const strategy = await strategyId(t, d.strategy!);
  // Deployment numbers only grow: one above this was started after this attempt began.
  const newest = Math.max(0, ...recent.map((r) => r.DeploymentNumber ?? 0));
  let number: number;
  try {
    number = await sendOnce({
      send: async () => {
        const out = await t.once.send(
          new StartDeploymentCommand({
            ApplicationId: appId,
            EnvironmentId: envId,
            ConfigurationProfileId: profileId,
            ConfigurationVersion: pinned,
            DeploymentStrategyId: strategy,
            Description: `orgctl: ${d.profile} ${d.versionLabel ?? pinned}`,
          }),
        );
        return out.DeploymentNumber!;
      },
      find: () => ownDeployment(t, appId, envId, { after: newest, profileId, version: pinned, strategy }),
      onResend: (failure) => ctx.progress(`${change.address}: ${failure} and no deployment started; sending again`),
    });
  } catch (err) {
    if (!hasCode(err, "Conflict")) throw err;
    const other = (await recentDeployments(t, appId, envId)).find((r) => RUNNING_STATES.has(r.State ?? ""));
    if (other) throw busy(d.environment, other);
    throw err;
  }
  ctx.progress(`${change.address}: started deployment #${number} of version ${d.versionLabel ?? pinned}`);
  if (ctx.wait) await waitFor(t, appId, envId, number, change, ctx);
  else await reportState(t, appId, envId, number, change, ctx);
}

/** Without waiting, apply still ends by saying where each deployment it started stands; one already rolled back fails. */
async function reportState(t: Target, appId: string, envId: string, number: number, change: ChangeBase, ctx: ApplyContext): Promise<void> {
  const d = await t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
  if (FAILED_STATES.has(d.State ?? "")) throw new Error(`deployment #${number} ended ${d.State} (not waited for): ${rollbackReason(d.EventLog ?? [])}`);
  ctx.progress(`${change.address}: deployment #${number} ${d.State} ${Math.round(d.PercentageComplete ?? 0)}% (not waited for; it keeps rolling out in AppConfig)`);
}

/** Why AppConfig rolled a deployment back, from its event log (newest first): who started the rollback, in AWS's words. */
export function rollbackReason(events: DeploymentEvent[]): string {
  const started = events.find((e) => e.EventType === "ROLLBACK_STARTED" || e.EventType === "REVERT_COMPLETED");
  if (!started) return "AppConfig rolled it back";
  const what = started.EventType === "REVERT_COMPLETED" ? "reverted" : "rolled back";
  const by =
    started.TriggeredBy === "CLOUDWATCH_ALARM" ? "by a CloudWatch alarm" : started.TriggeredBy === "USER" ? "by a user (StopDeployment)" : started.TriggeredBy === "INTERNAL_ERROR" ? "after an internal error" : "by AppConfig";
  return `${what} ${by}${started.Description ? ` — ${started.Description}` : ""}`;
}

/** How long a stopped deployment may take to roll back before apply gives up on it. */
const STOP_DEADLINE_MS = 10 * 60 * 1000;

async function stopDeployment(t: Target, appId: string, envId: string, number: number, change: ChangeBase, ctx: ApplyContext): Promise<void> {
  await t.client.send(new StopDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
  ctx.progress(`${change.address}: stopped deployment #${number}`);
  await pollUntil({
    what: `deployment #${number} of ${change.address} to stop rolling out`,
    deadlineMs: STOP_DEADLINE_MS,
    hint: "AppConfig is still rolling it back: run apply again once it has ended",
    check: async () => {
      const d = await t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
      return RUNNING_STATES.has(d.State ?? "") ? { done: false, state: d.State ?? "" } : { done: true, value: undefined };
    },
  });
}

/** The deployment this operation started (same profile, version and strategy, numbered after `after`), if any. */
async function ownDeployment(
  t: Target,
  appId: string,
  envId: string,
  want: { after: number; profileId: string; version: string; strategy: string },
): Promise<number | undefined> {
  const candidates = (await recentDeployments(t, appId, envId)).filter(
    (r) => (r.DeploymentNumber ?? 0) > want.after && r.ConfigurationProfileId === want.profileId && r.ConfigurationVersion === want.version,
  );
  for (const c of candidates) {
    const full = await t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: c.DeploymentNumber! }));
    if (full.DeploymentStrategyId === want.strategy) return c.DeploymentNumber!;
  }
  return undefined;
}

function busy(environment: string, running: DeploymentSummary): EnvironmentBusyError {
  return new EnvironmentBusyError(
    `environment ${environment} is busy with deployment #${running.DeploymentNumber} (${running.State}); retry when it completes`,
  );
}

/** Room on top of the strategy's own duration and bake time before giving up on a deployment. */
const DEPLOYMENT_SLACK_MS = 10 * 60_000;

async function waitFor(t: Target, appId: string, envId: string, number: number, change: ChangeBase, ctx: ApplyContext): Promise<void> {
  const get = () => t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
  const first = await get();
  const minutes = (first.DeploymentDurationInMinutes ?? 0) + (first.FinalBakeTimeInMinutes ?? 0);
  let lastReport = "";
  await pollUntil({
    what: `deployment #${number} of ${change.address}`,
    deadlineMs: minutes * 60_000 + DEPLOYMENT_SLACK_MS,
    hint: `its strategy takes ${minutes} min; it keeps running in AppConfig: run apply again to follow it`,
    check: async () => {
      const d = await get();
      if (d.State === "COMPLETE") return { done: true, value: undefined };
      if (FAILED_STATES.has(d.State ?? "")) throw new Error(`deployment #${number} ended ${d.State}: ${rollbackReason(d.EventLog ?? [])}`);
      const state = `${d.State} ${Math.round(d.PercentageComplete ?? 0)}%`;
      if (state !== lastReport) ctx.progress(`${change.address}: deployment #${number} ${state}`);
      lastReport = state;
      return { done: false, state };
    },
  });
  ctx.progress(`${change.address}: deployment #${number} COMPLETE`);
}

async function recentDeployments(t: Target, appId: string, envId: string): Promise<DeploymentSummary[]> {
  // Newest first; the page holds far more than the one running deployment AppConfig allows.
  const out = await t.client.send(new ListDeploymentsCommand({ ApplicationId: appId, EnvironmentId: envId, MaxResults: 50 }));
  return out.Items ?? [];
}

async function requireProfile(t: Target, appId: string, name: string): Promise<string> {
  const id = await t.directory.profile(appId, name);
  if (!id) throw new Error(`configuration profile ${name} does not exist`);
  return id;
}

/**
 * The number of a hosted version whose content has `sha256` (versions labelled `label`
 * are checked first, as that is where orgctl puts them), and the latest number.
 */
async function findVersion(
  t: Target,
  appId: string,
  profileId: string,
  sha256: string,
  label: string | undefined,
): Promise<{ number?: number; latest: number }> {
  const versions: HostedConfigurationVersionSummary[] = [];
  for await (const page of paginateListHostedConfigurationVersions({ client: t.client }, { ApplicationId: appId, ConfigurationProfileId: profileId })) {
    versions.push(...(page.Items ?? []));
  }
  const latest = Math.max(0, ...versions.map((v) => v.VersionNumber ?? 0));
  const ordered = [...versions.filter((v) => v.Description === label), ...versions.filter((v) => v.Description !== label)];
  for (const v of ordered) {
    const out = await t.client.send(
      new GetHostedConfigurationVersionCommand({ ApplicationId: appId, ConfigurationProfileId: profileId, VersionNumber: v.VersionNumber! }),
    );
    const content = Buffer.from(out.Content ?? new Uint8Array()).toString("utf8");
    if (createHash("sha256").update(content, "utf8").digest("hex") === sha256) return { number: v.VersionNumber!, latest };
  }
  return { latest };
}

/** Predefined strategies' ids are their names; custom ones are looked up by name. */
async function strategyId(t: Target, name: string): Promise<string> {
  if (name.startsWith("AppConfig.")) return name;
  for await (const page of paginateListDeploymentStrategies({ client: t.client }, {})) {
    const found = page.Items?.find((s) => s.Name === name);
    if (found) return found.Id!;
  }
  throw new Error(`deployment strategy ${name} does not exist in ${t.region}`);
}
