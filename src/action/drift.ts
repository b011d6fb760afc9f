// The drift command (schedule): a full plan, never scoped, kept in sync with one drift
// issue per configuration. A partial read cannot prove drift is gone, so then the issue
// is left as it is and the job fails.
import * as core from "@actions/core";
import * as github from "@actions/github";
import { hasChanges } from "../engine/plan.js";
import { renderMarkdown } from "../render/markdown.js";
import { driftIssueBody, syncDriftIssue } from "./drift-issue.js";
import { BODY_LIMIT, octokitFor, runUrl } from "./github.js";
import { actionIdentity } from "./identity.js";
import type { ActionInputs } from "./inputs.js";
import { displayName } from "./marker.js";
import { publishPlan, stepDirectory } from "./outputs.js";
import { openPlanSession, type PlanSessionOptions } from "./plan-session.js";
import { splitMarkdown } from "./split.js";
import { writeJobSummary } from "./summary.js";
import { titled } from "./title.js";

export async function runDrift(inputs: ActionInputs, opts: PlanSessionOptions): Promise<void> {
  const name = displayName(inputs.config);
  const session = await openPlanSession(inputs.path, opts);
  session.clients.destroy();
  const plan = session.plan;
  publishPlan(stepDirectory(inputs.config), plan);
  const markdown = renderMarkdown(plan);
  await writeJobSummary(titled(name, opts.commit, markdown));
  if (plan.errors.length > 0) return core.setFailed(`${plan.errors.length} account(s) could not be read: ${plan.errors.map((e) => e.account).join(", ")}`);

  const drift = hasChanges(plan);
  const body = drift ? driftIssueBody(inputs.config, trimmedReport(markdown)) : undefined;
  const octokit = octokitFor(inputs.token);
  const identity = await actionIdentity(octokit, inputs.token, inputs.commentAuthor);
  const outcome = await syncDriftIssue(octokit, github.context.repo, inputs.config, identity, body, runUrl());
  core.info(`drift issue: ${outcome.action}${"number" in outcome ? ` #${outcome.number}` : ""}`);
  if (drift && inputs.failOnDrift) core.setFailed(`drift detected in ${name}: live AWS state differs from the YAML`);
}

/** The drift issue holds one body's worth; no run link, so an unchanged report stays byte-identical. */
function trimmedReport(markdown: string): string {
  const chunks = splitMarkdown(markdown, BODY_LIMIT - 2_000);
  return chunks.length === 1 ? chunks[0]! : `${chunks[0]}\n\n> Trimmed: the full drift report is in the job summary of the latest drift run.`;
}
