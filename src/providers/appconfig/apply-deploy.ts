// Hosted versions and deployments. Versions are found by content (sha256), so a version
// created by an interrupted run is reused, and a deployment already done or already
// running with the same version is not started again. Only one deployment may run per
// environment: another one running is reported as a blocker, not as a failure to decode.
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
  type DeploymentSummary,
  type HostedConfigurationVersionSummary,
} from "@aws-sdk/client-appconfig";
import type { ApplyContext } from "../../engine/apply-context.js";
import { hasCode, sleep } from "../../engine/apply-retry.js";
import type { DeploymentResource, VersionResource } from "../../engine/resources.js";
import type { Change } from "../../engine/types.js";
import type { Target } from "./apply.js";

const RUNNING_STATES = new Set(["DEPLOYING", "BAKING", "VALIDATING", "ROLLING_BACK"]);
const FAILED_STATES = new Set(["ROLLED_BACK", "REVERTED"]);

/** Raised when AppConfig is busy with another deployment in the environment. */
export class EnvironmentBusyError extends Error {}

export async function createVersion(t: Target, change: Change): Promise<void> {
  const v = change.after as VersionResource;
  const appId = await t.directory.requireApplication(v.application);
  const profileId = await requireProfile(t, appId, v.profile);
  const existing = await findVersion(t, appId, profileId, v.contentSha256, v.label);
  if (existing.number !== undefined) return;
  await t.client.send(
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
}

export async function deploy(t: Target, change: Change, ctx: ApplyContext): Promise<void> {
  const d = change.after as DeploymentResource;
  const appId = await t.directory.requireApplication(d.application);
  const envId = await t.directory.environment(appId, d.environment);
  if (!envId) throw new Error(`environment ${d.environment} of ${d.application} does not exist`);
  const profileId = await requireProfile(t, appId, d.profile);
  const version = await findVersion(t, appId, profileId, d.contentSha256!, d.versionLabel);
  if (version.number === undefined) throw new Error(`no hosted version of ${d.profile} has the content of ${d.versionLabel}: run plan again`);
  const wanted = String(version.number);

  let recent = await recentDeployments(t, appId, envId);
  const running = recent.find((r) => RUNNING_STATES.has(r.State ?? ""));
  if (running) {
    // Ours from an interrupted run: follow it instead of failing on it.
    if (running.ConfigurationProfileId === profileId && running.ConfigurationVersion === wanted) {
      return ctx.wait ? waitFor(t, appId, envId, running.DeploymentNumber!, change, ctx) : undefined;
    }
    // The plan showed this rollout and that apply stops it; any other is someone else's.
    const planned = (change.before as DeploymentResource | null)?.rollingOut?.deploymentNumber;
    if (planned === undefined || planned !== running.DeploymentNumber) throw busy(d.environment, running);
    await stopDeployment(t, appId, envId, planned, change, ctx);
    recent = await recentDeployments(t, appId, envId);
  }
  const last = recent.find((r) => r.ConfigurationProfileId === profileId && r.State === "COMPLETE");
  if (last?.ConfigurationVersion === wanted) return;

  let number: number;
  try {
    const out = await t.client.send(
      new StartDeploymentCommand({
        ApplicationId: appId,
        EnvironmentId: envId,
        ConfigurationProfileId: profileId,
        ConfigurationVersion: wanted,
        DeploymentStrategyId: await strategyId(t, d.strategy!),
        Description: `orgctl: ${d.profile} ${d.versionLabel ?? wanted}`,
      }),
    );
    number = out.DeploymentNumber!;
  } catch (err) {
    if (!hasCode(err, "Conflict")) throw err;
    const other = (await recentDeployments(t, appId, envId)).find((r) => RUNNING_STATES.has(r.State ?? ""));
    if (other) throw busy(d.environment, other);
    throw err;
  }
  ctx.progress(`${change.address}: started deployment #${number} of version ${d.versionLabel ?? wanted}`);
  if (ctx.wait) await waitFor(t, appId, envId, number, change, ctx);
}

/** How long a stopped deployment may take to roll back before apply gives up on it. */
const STOP_DEADLINE_MS = 10 * 60 * 1000;

async function stopDeployment(t: Target, appId: string, envId: string, number: number, change: Change, ctx: ApplyContext): Promise<void> {
  await t.client.send(new StopDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
  ctx.progress(`${change.address}: stopped deployment #${number}`);
  const deadline = Date.now() + STOP_DEADLINE_MS;
  for (let delay = 250; ; delay = Math.min(delay * 1.5, 5000)) {
    const d = await t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
    if (!RUNNING_STATES.has(d.State ?? "")) return;
    if (Date.now() > deadline) throw new Error(`deployment #${number} was stopped but is still ${d.State} after ${STOP_DEADLINE_MS / 60_000} minutes`);
    await sleep(delay);
  }
}

function busy(environment: string, running: DeploymentSummary): EnvironmentBusyError {
  return new EnvironmentBusyError(
    `environment ${environment} is busy with deployment #${running.DeploymentNumber} (${running.State}); retry when it completes`,
  );
}

async function waitFor(t: Target, appId: string, envId: string, number: number, change: Change, ctx: ApplyContext): Promise<void> {
  let lastReport = "";
  for (let delay = 500; ; delay = Math.min(delay * 1.5, 5000)) {
    const d = await t.client.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: number }));
    if (d.State === "COMPLETE") {
      ctx.progress(`${change.address}: deployment #${number} COMPLETE`);
      return;
    }
    if (FAILED_STATES.has(d.State ?? "")) throw new Error(`deployment #${number} ended ${d.State}: AppConfig rolled it back`);
    const report = `${change.address}: deployment #${number} ${d.State} ${Math.round(d.PercentageComplete ?? 0)}%`;
    if (report !== lastReport) ctx.progress(report);
    lastReport = report;
    await sleep(delay);
  }
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
