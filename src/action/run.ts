// The action: reads inputs, masks secrets, moves to the working directory and runs the
// command for the event (plan on pull requests, apply on the default branch, drift on
// a schedule), all in-process with the project's own loader, readers, engine and renderers.
import { resolve } from "node:path";
import * as core from "@actions/core";
import * as github from "@actions/github";
import { hasChanges } from "../engine/plan.js";
import type { Plan } from "../engine/types.js";
import { renderMarkdown } from "../render/markdown.js";
import { runApply } from "./apply.js";
import { planCommentBodies, upsertPlanComments } from "./comment.js";
import { driftIssueBody, syncDriftIssue } from "./drift-issue.js";
import { BODY_LIMIT, octokitFor, runUrl } from "./github.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { openPlanSession, type PlanSessionOptions } from "./plan-session.js";
import { publishPlan } from "./outputs.js";
import { maskEnvironmentSecrets } from "./secrets.js";
import { writeJobSummary } from "./summary.js";
import { splitMarkdown } from "./split.js";
import { titled } from "./title.js";

export async function run(): Promise<void> {
  const inputs = readInputs(github.context);
  maskEnvironmentSecrets(inputs.token);
  process.chdir(resolve(inputs.workingDirectory));
  core.info(`orgctl ${inputs.command} for ${inputs.path}`);
  const session: PlanSessionOptions = {
    commit: headSha(),
    runId: `gh-${github.context.runId}-${github.context.runAttempt}`,
    ...(inputs.concurrency ? { concurrency: inputs.concurrency } : {}),
  };
  if (inputs.command === "plan") await runPlan(inputs, session);
  else if (inputs.command === "drift") await runDrift(inputs, session);
  else await runApply(inputs, session);
}

async function runPlan(inputs: ActionInputs, opts: PlanSessionOptions): Promise<void> {
  const plan = await freshPlan(inputs.path, opts);
  const planJson = publishPlan(inputs.path, plan);
  const markdown = titled(inputs.path, opts.commit, renderMarkdown(plan));
  await writeJobSummary(markdown);

  const pr = github.context.payload.pull_request?.number;
  if (inputs.comment && pr !== undefined) {
    const bodies = planCommentBodies(inputs.path, markdown, { runUrl: runUrl(), planJson });
    const result = await upsertPlanComments(octokitFor(inputs.token), { ...github.context.repo, issueNumber: pr }, inputs.path, bodies);
    core.info(`plan comment(s): ${describe(result)}`);
  }
  failOnReadErrors(plan);
}

async function runDrift(inputs: ActionInputs, opts: PlanSessionOptions): Promise<void> {
  const plan = await freshPlan(inputs.path, opts);
  publishPlan(inputs.path, plan);
  const markdown = renderMarkdown(plan);
  await writeJobSummary(titled(inputs.path, opts.commit, markdown));
  // A partial read cannot prove drift is gone, so the issue is left as it is.
  if (plan.errors.length > 0) return failOnReadErrors(plan);

  const drift = hasChanges(plan);
  const body = drift ? driftIssueBody(inputs.path, trimmedReport(markdown)) : undefined;
  const outcome = await syncDriftIssue(octokitFor(inputs.token), github.context.repo, inputs.path, body, runUrl());
  core.info(`drift issue: ${outcome.action}${"number" in outcome ? ` #${outcome.number}` : ""}`);
  if (drift && inputs.failOnDrift) core.setFailed(`drift detected in ${inputs.path}: live AWS state differs from the YAML`);
}

async function freshPlan(path: string, opts: PlanSessionOptions): Promise<Plan> {
  const session = await openPlanSession(path, opts);
  session.clients.destroy();
  return session.plan;
}

function failOnReadErrors(plan: Plan): void {
  if (plan.errors.length > 0) core.setFailed(`${plan.errors.length} account(s) could not be read: ${plan.errors.map((e) => e.account).join(", ")}`);
}

/** The drift issue holds one body's worth; no run link, so an unchanged report stays byte-identical. */
function trimmedReport(markdown: string): string {
  const chunks = splitMarkdown(markdown, BODY_LIMIT - 2_000);
  return chunks.length === 1 ? chunks[0]! : `${chunks[0]}\n\n> Trimmed: the full drift report is in the job summary of the latest drift run.`;
}

/** The pull request's head commit (GITHUB_SHA is the merge commit there). */
function headSha(): string | undefined {
  const head = github.context.payload.pull_request?.head as { sha?: string } | undefined;
  return head?.sha ?? (github.context.sha || undefined);
}

function describe(result: { created: number[]; updated: number[]; deleted: number[] }): string {
  return `${result.created.length} created, ${result.updated.length} updated, ${result.deleted.length} deleted`;
}
