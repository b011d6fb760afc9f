// What a configuration session receives at a given moment. A rolling deployment reaches
// its percentage of targets (AppConfig User Guide, "Working with deployment strategies");
// each session is one target with a fixed bucket in [0, 100), so it gets the new version
// once the deployment's PercentageComplete passes its bucket and keeps it as the percentage
// only grows. Everyone gets it while BAKING (100%). Otherwise a session gets the last
// COMPLETE deployment of the profile: a ROLLED_BACK deployment never counts, and a REVERTED
// one no longer does.
import { FEATURE_FLAGS } from "../hosted-versions.js";
import { deploymentView, isInProgress } from "../deployment-timeline.js";
import type { DeploymentRecord, EnvironmentRecord, ProfileRecord } from "../state.js";
import { parseJsonText } from "../../../model/json-text.js";
import { checkStructure } from "../../../model/feature-flags/structure.js";
import { servedFlags } from "../../../model/feature-flags/served-form.js";

export function servedDeployment(env: EnvironmentRecord, profileId: string, bucket: number, now: number): DeploymentRecord | undefined {
  let stable: DeploymentRecord | undefined;
  for (const d of env.deployments) {
    if (d.profileId !== profileId) continue;
    const view = deploymentView(d, now);
    if (view.state === "COMPLETE") stable = d;
    else if (isInProgress(view.state) && bucket < view.percentageComplete) return d;
  }
  return stable;
}

export interface ServedContent {
  key: string;
  content: Buffer;
  contentType: string;
  versionLabel?: string;
}

/** The bytes a deployment serves: a feature-flag profile's simplified form, anything else as stored. */
export function servedContent(profile: ProfileRecord, d: DeploymentRecord & { hosted: NonNullable<DeploymentRecord["hosted"]> }): ServedContent {
  const key = `${d.profileId}:${d.configurationVersion}`;
  if (profile.type === FEATURE_FLAGS) {
    const parsed = parseJsonText(d.hosted.content.toString("utf8"));
    // Checked when the version was created; a seeded snapshot's content may not have been.
    const structure = "value" in parsed ? checkStructure(parsed.value) : undefined;
    if (structure && "document" in structure) {
      return { key, content: Buffer.from(JSON.stringify(servedFlags(structure.document))), contentType: "application/json", versionLabel: d.versionLabel };
    }
  }
  return { key, content: d.hosted.content, contentType: d.hosted.contentType, versionLabel: d.versionLabel };
}
