// Apply on merge: applies the plan that was reviewed on the merged pull request, never a
// fresh one. The reviewed plan is found (reviewed-plan.ts) and handed to the CLI's own
// `orgctl apply <plan> <desired>`, which re-derives it from the merged YAML and a fresh
// read and refuses on any difference. The outcome (applied, incomplete or refused, and
// why) is posted on the pull request and leads the job summary, which keeps it whole
// and cuts the plan below it if the summary would pass the runner's limit.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { parsePlan } from "../engine/plan-file.js";
import { fenceFor, renderMarkdown } from "../render/markdown.js";
import { applySavedPlan, type CliApplyResult } from "./cli-apply.js";
import { BODY_LIMIT, octokitFor, runUrl, type Octokit } from "./github.js";
import { splitMarkdown } from "./split.js";
import { actionIdentity, checkAuthor } from "./identity.js";
import type { ActionInputs } from "./inputs.js";
import { displayName, marker } from "./marker.js";
import { needing } from "./permissions.js";
import { publishPlan, stepDirectory } from "./outputs.js";
import type { PlanSessionOptions } from "./plan-session.js";
import { findReviewedPlan, NotReviewed } from "./reviewed-plan.js";
import { maskSensitiveContent } from "./secrets.js";
import { loadDesiredState } from "../config/index.js";
import { writeJobSummary } from "./summary.js";
import { titled } from "./title.js";

const DEFAULT_CONCURRENCY = 8;

export async function runApply(inputs: ActionInputs, opts: PlanSessionOptions): Promise<void> {
  const { config } = inputs;
  const name = displayName(config);
  const dir = stepDirectory(config);
  const octokit = octokitFor(inputs.token);
  const identity = await actionIdentity(octokit, inputs.token, inputs.commentAuthor);
  const sha = github.context.sha;
  const heading = `## orgctl apply for \`${name}\` at ${sha.slice(0, 7)}`;

  let reviewed;
  try {
    reviewed = await findReviewedPlan(octokit, github.context.repo, sha, config, identity, dir);
  } catch (err) {
    if (!(err instanceof NotReviewed)) throw err;
    const section = [heading, "", `### ⛔ Apply refused`, "", `${err.message}. Nothing was applied. [Workflow run](${runUrl()})`, ""].join("\n");
    await writeJobSummary(section);
    if (err.pr !== undefined) await postOnPullRequest(octokit, err.pr, identity, marker("orgctl-apply", config, { commit: sha }), section);
    return core.setFailed(`apply refused: ${err.message}`);
  }

  const plan = parsePlan(readFileSync(reviewed.file, "utf8"));
  // Plans hold no sensitive content; apply takes it from the merged YAML: mask it before anything runs.
  const loaded = await loadDesiredState(inputs.path);
  if (loaded.state) maskSensitiveContent(loaded.state);
  publishPlan(dir, plan);
  const audit = join(dir, "audit.jsonl");
  core.info(`applying the plan reviewed on #${reviewed.pr} (commit ${reviewed.commit.slice(0, 7)}, sha256 ${reviewed.sha256.slice(0, 12)})`);
  const result = await applySavedPlan(reviewed.file, inputs.path, ["--concurrency", String(inputs.concurrency ?? DEFAULT_CONCURRENCY), "--audit-log", audit]);
  const section = [heading, "", `Plan reviewed on #${reviewed.pr} at ${reviewed.commit.slice(0, 7)} (sha256 \`${reviewed.sha256.slice(0, 12)}\`). [Workflow run](${runUrl()})`, "", ...outcome(result, existsSync(audit)), ""].join("\n");
  await writeJobSummary(section, `\n${titled(name, reviewed.commit, renderMarkdown(plan))}`);
  await postOnPullRequest(octokit, reviewed.pr, identity, marker("orgctl-apply", config, { commit: sha, "plan-sha256": reviewed.sha256 }), section);
  if (result.code !== 0) core.setFailed(result.error ? `apply refused: ${result.error}` : "apply incomplete: see the job summary");
}

function outcome(result: CliApplyResult, anythingRan: boolean): string[] {
  const report = result.output.trim();
  const block = report ? [`${fenceFor(report)}text`, report, fenceFor(report)] : [];
  if (result.error) {
    const said = anythingRan ? "It stopped after some operations ran: see the audit log in the run." : "Nothing was applied.";
    return ["### ⛔ Apply refused", "", `${result.error}`, "", said, ...(block.length ? ["", ...block] : [])];
  }
  if (result.code !== 0) return ["### ❌ Apply incomplete", "", ...block];
  return ["### ✅ Applied", "", ...block];
}

/** A new comment per apply, as Atlantis and tfcmt do: the plan comment stays what was reviewed. */
async function postOnPullRequest(octokit: Octokit, pr: number, identity: string, head: string, section: string): Promise<void> {
  const { owner, repo } = github.context.repo;
  const whole = `${head}\n${section}`;
  const body = whole.length <= BODY_LIMIT ? whole : `${splitMarkdown(whole, BODY_LIMIT - 500)[0]}\n\n> Cut to fit a comment: the whole report is in the run's [job summary](${runUrl()}) and log.`;
  const { data } = await needing("pull-requests: write", "post the apply result on the pull request", () =>
    octokit.rest.issues.createComment({ owner, repo, issue_number: pr, body }),
  );
  checkAuthor(data.user?.login, identity);
}
