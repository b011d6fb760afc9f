// Sensitive AppConfig versions (`sensitive: true`) in a plan. A plan is printed, posted
// as a PR comment and saved as a file, so a sensitive version's change carries neither
// its content nor any hash of it: a short secret is found again by hashing every
// candidate (a 4-digit PIN takes 10,000 tries). The plan says which version is created
// and deployed; apply takes the content from the YAML (`withSensitiveContent`), the same
// YAML whose digest the plan records. The placeholder is constant, so the same YAML and
// the same live state still give the same plan.
import type { DesiredState } from "../model/types.js";
import { sha256Hex } from "./canonical.js";
import type { DeploymentResource, VersionResource } from "./resources.js";
import type { Change, Plan } from "./types.js";

/** Stands for a sensitive version's content, and for any hash of it, in a plan. */
export const SENSITIVE = "(sensitive)";

export class SensitiveContentMissing extends Error {}

/**
 * The plan's changes with sensitive content and hashes filled in from `desired`, for
 * execution only (never print or save the result). Throws when the desired state is not
 * at hand or no longer has the version.
 */
export function withSensitiveContent(plan: Plan, desired: Pick<DesiredState, "appconfig"> | undefined): Plan {
  if (!plan.changes.some(needsContent)) return plan;
  if (!desired) {
    throw new SensitiveContentMissing("the plan creates or deploys sensitive AppConfig content, which plans never hold: give the desired state it was made from as the second argument");
  }
  const changes = plan.changes.map((change) => {
    if (!needsContent(change)) return change;
    const after = change.after as VersionResource | DeploymentResource;
    const label = "label" in after ? after.label : after.versionLabel;
    const content = desired.appconfig
      .find((a) => a.account === change.account && a.region === after.region && a.name === after.application)
      ?.profiles.find((p) => p.name === after.profile)
      ?.versions.find((v) => v.label === label)?.content;
    if (content === undefined) throw new SensitiveContentMissing(`${change.address}: version ${label ?? "?"} is not in the desired state; run plan again`);
    const sha = sha256Hex(content);
    return { ...change, after: "label" in after ? { ...after, content, contentSha256: sha } : { ...after, contentSha256: sha } };
  });
  return { ...plan, changes };
}

function needsContent(change: Change): boolean {
  if (change.action === "noop" || change.after === null || typeof change.after !== "object") return false;
  if (change.type === "version") return (change.after as VersionResource).contentSha256 === SENSITIVE;
  if (change.type === "deployment") return (change.after as DeploymentResource).contentSha256 === SENSITIVE;
  return false;
}
