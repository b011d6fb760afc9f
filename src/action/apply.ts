// Apply on the default branch: a fresh plan through the one apply pipeline (lock,
// refusals, execution with the lockout guard, report). The job summary shows the plan and what happened; any
// refusal, failure or change left unattempted fails the job.
import * as core from "@actions/core";
import { randomUUID } from "node:crypto";
import { runApplyPipeline } from "../apply/pipeline.js";
import type { ApplyResult } from "../engine/apply.js";
import { renderMarkdown } from "../render/markdown.js";
import type { ActionInputs } from "./inputs.js";
import { publishPlan } from "./outputs.js";
import { openPlanSession, type PlanSessionOptions } from "./plan-session.js";
import { titled } from "./title.js";
import { writeJobSummary } from "./summary.js";

const DEFAULT_CONCURRENCY = 8;
/** IAM and Organizations throttle per account: a few operations at a time in each. */
const PER_ACCOUNT_CONCURRENCY = 4;

export async function runApply(inputs: ActionInputs, opts: PlanSessionOptions): Promise<void> {
  const { desired, plan, clients, accessRole, callerArn } = await openPlanSession(inputs.path, opts);
  const report = (result: string) => writeJobSummary(`${titled(inputs.path, opts.commit, renderMarkdown(plan))}\n### Apply\n\n${result}\n`);
  try {
    publishPlan(inputs.path, plan);
    const outcome = await runApplyPipeline({
      desired,
      clients,
      accessRole,
      callerArn,
      plan,
      concurrency: inputs.concurrency ?? DEFAULT_CONCURRENCY,
      perAccount: PER_ACCOUNT_CONCURRENCY,
      wait: true,
      allowCloseAccounts: false,
      holder: `github:${process.env.GITHUB_REPOSITORY ?? "?"} run ${process.env.GITHUB_RUN_ID ?? "?"}`,
      runId: opts.runId ?? randomUUID(),
      progress: (line) => core.info(line),
      onApplied: (c) => core.info(`applied ${c.address} (${c.action})`),
      onFailed: (c, error) => core.error(`failed ${c.address} (${c.action}): ${error}`),
    });
    if (outcome.kind === "refused") {
      await report(`Nothing was applied: ${outcome.reason}`);
      return core.setFailed(outcome.reason);
    }
    if (outcome.kind === "nothing") return await report("Nothing to apply.");
    await report(resultMarkdown(outcome.result));
    if (outcome.lockLeft) core.setFailed(outcome.lockLeft);
    const incomplete = outcome.result.failed.length + outcome.result.notAttempted.length + outcome.inFlight.length;
    if (incomplete > 0) core.setFailed(`apply incomplete: ${outcome.result.failed.length} failed, ${outcome.result.notAttempted.length} not attempted, ${outcome.inFlight.length} in flight`);
  } finally {
    clients.destroy();
  }
}

function resultMarkdown(result: ApplyResult): string {
  const rows = [
    ...result.applied.map((c) => `| ✅ applied | \`${c.address}\` | ${c.action} | |`),
    ...result.failed.map((f) => `| ❌ failed | \`${f.change.address}\` | ${f.change.action} | ${cell(f.error)} |`),
    ...result.notAttempted.map((n) => `| ⏭️ not attempted | \`${n.change.address}\` | ${n.change.action} | ${cell(n.reason)} |`),
  ];
  const ok = result.failed.length === 0 && result.notAttempted.length === 0;
  const verdict = ok
    ? `Apply complete: ${result.applied.length} change(s) applied.`
    : `Apply incomplete: ${result.applied.length} applied, ${result.failed.length} failed, ${result.notAttempted.length} not attempted. Fix the cause and push again: the next plan shows only what is left.`;
  return [verdict, "", "| Result | Address | Action | Detail |", "|---|---|---|---|", ...rows].join("\n");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
