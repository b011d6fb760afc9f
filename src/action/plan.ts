// The plan command (pull requests): plans (only what changed since the PR base unless
// plan-scope is full), saves the plan merge will apply, and keeps one sticky comment per
// configuration saying what was planned, at which commit, and what merge will do. A
// failed plan replaces the comment with the error, so an older commit's plan is never
// left looking current.
import * as core from "@actions/core";
import * as github from "@actions/github";
import type { Plan } from "../engine/types.js";
import { fenceFor, renderMarkdown } from "../render/markdown.js";
import { ownComments, planCommentBodies, upsertComments, type CommentTarget } from "./comment.js";
import { octokitFor, runUrl, shaOf } from "./github.js";
import { actionIdentity } from "./identity.js";
import type { ActionInputs } from "./inputs.js";
import { displayName, hasMarker, marker } from "./marker.js";
import { artifactName, publishPlan, saveReviewedPlan, stepDirectory, type SavedPlan } from "./outputs.js";
import { openPlanSession, PlanFailed, type PlanSessionOptions } from "./plan-session.js";
import { writeJobSummary } from "./summary.js";
import { titled } from "./title.js";

export async function runPlan(inputs: ActionInputs, opts: PlanSessionOptions): Promise<void> {
  const { config } = inputs;
  const name = displayName(config);
  const dir = stepDirectory(config);
  const pr = github.context.payload.pull_request?.number;
  const commenting = inputs.comment && pr !== undefined;
  const base = shaOf(github.context.payload.pull_request?.base);
  const scoped = pr !== undefined && inputs.scope === "changed" && base ? { ...opts, changedSince: base } : opts;

  let plan: Plan;
  let accounts: string[];
  try {
    const session = await openPlanSession(inputs.path, scoped);
    session.clients.destroy();
    plan = session.plan;
    accounts = session.desired.accounts.map((a) => a.key);
  } catch (err) {
    if (!(err instanceof PlanFailed)) throw err;
    const body = failureMarkdown(name, opts.commit, err);
    await writeJobSummary(body);
    if (commenting) {
      const octokit = octokitFor(inputs.token);
      const target: CommentTarget = { ...github.context.repo, issueNumber: pr };
      const identity = await actionIdentity(octokit, inputs.token, inputs.commentAuthor);
      const existing = await ownComments(octokit, target, identity, (b) => hasMarker("orgctl-plan", config, b));
      const head = marker("orgctl-plan", config, { commit: opts.commit ?? "", status: "failed" });
      await upsertComments(octokit, target, existing, identity, [`${head}\n${body}`]);
    }
    return core.setFailed(err.message);
  }

  publishPlan(dir, plan);
  const saved = saveReviewedPlan(dir, config, plan);
  const markdown = titled(name, opts.commit, renderMarkdown(plan));
  await writeJobSummary(markdown);

  if (commenting) {
    const octokit = octokitFor(inputs.token);
    const target: CommentTarget = { ...github.context.repo, issueNumber: pr };
    const identity = await actionIdentity(octokit, inputs.token, inputs.commentAuthor);
    const existing = await ownComments(octokit, target, identity, (b) => hasMarker("orgctl-plan", config, b));
    const head = marker("orgctl-plan", config, { commit: opts.commit ?? "", run: String(github.context.runId), artifact: saved.artifact, "plan-sha256": saved.sha256 });
    const bodies = planCommentBodies(head, name, `${reviewNote(plan, accounts, opts.commit, saved)}\n\n${markdown}`, { runUrl: runUrl(), artifact: artifactName(config) });
    const result = await upsertComments(octokit, target, existing, identity, bodies);
    core.info(`plan comment(s): ${result.created.length} created, ${result.updated.length} updated, ${result.deleted.length} deleted`);
  }
  if (plan.errors.length > 0) core.setFailed(`${plan.errors.length} account(s) could not be read: ${plan.errors.map((e) => e.account).join(", ")}`);
}

/** Where this plan came from and what merging does with it. */
function reviewNote(plan: Plan, accounts: string[], commit: string | undefined, saved: SavedPlan): string {
  const at = commit ? ` at ${commit.slice(0, 7)}` : "";
  const lines = [
    `[Workflow run](${runUrl()}) · reviewed plan: artifact \`${saved.artifact}\` (sha256 \`${saved.sha256.slice(0, 12)}\`)`,
    "",
    `**On merge:** orgctl applies exactly this plan${at}. If the merged YAML or live AWS state differs from it by then, nothing is applied and a comment here says why.`,
  ];
  const scope = plan.scope;
  if (scope) {
    const read = new Set(scope.accounts);
    const notRead = accounts.filter((a) => !read.has(a));
    lines.push("", `> Scoped to what changed (${scope.by}): read ${scope.accounts.length} account(s)${scope.organization ? " and the organization" : ""}. ` +
      (notRead.length > 0 ? `Not read: ${notRead.length} account(s) whose YAML did not change (${listed(notRead)}); drift there is not shown (the scheduled drift check reads everything).` : "Every account was read."));
  }
  return lines.join("\n");
}

function listed(names: string[]): string {
  return names.length <= 10 ? names.join(", ") : `${names.slice(0, 10).join(", ")}, … ${names.length - 10} more`;
}

function failureMarkdown(name: string, commit: string | undefined, err: PlanFailed): string {
  const text = [err.message, ...err.details].join("\n");
  const fence = fenceFor(text);
  return [
    `### ❌ orgctl plan failed for \`${name}\`${commit ? ` at ${commit.slice(0, 7)}` : ""}`,
    "",
    `There is no plan for this commit to review: merging it now applies nothing (apply needs a reviewed plan for the merged commit). Fix the error and push again. [Workflow run](${runUrl()})`,
    "",
    `${fence}text`,
    text,
    fence,
  ].join("\n");
}
