// Apply on the default branch: a fresh plan, the engine's safety refusals, a staleness
// check right before executing (another run may have changed AWS since this plan was
// read), then the DAG executor. The job summary shows the plan and what happened; any
// refusal, failure or change left unattempted fails the job.
import * as core from "@actions/core";
import { executePlan, type ApplyResult } from "../engine/apply.js";
import { operationRunner } from "../engine/apply-operations.js";
import { refusals } from "../engine/apply-safety.js";
import { findStaleChanges } from "../engine/apply-staleness.js";
import { hasChanges } from "../engine/plan.js";
import { withSensitiveContent } from "../engine/sensitive.js";
import type { Plan } from "../engine/types.js";
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
    const refusal = whyNotApply(plan, refusals(plan, { accessRole, callerArn, allowCloseAccounts: false }));
    if (refusal) {
      await report(`Nothing was applied: ${refusal}`);
      return core.setFailed(refusal);
    }
    if (!hasChanges(plan)) return await report("Nothing to apply.");

    // The plan holds no sensitive content; this run's YAML does (the plan was made from it just now).
    const executable = withSensitiveContent(plan, desired);
    const stale = await findStaleChanges(executable, clients, accessRole);
    if (stale.length > 0) {
      const message = `plan is stale: ${stale.map((s) => `${s.address} ${s.reason}`).join("; ")}; nothing was applied`;
      await report(message);
      return core.setFailed(message);
    }

    const result = await executePlan(executable.changes, {
      concurrency: inputs.concurrency ?? DEFAULT_CONCURRENCY,
      perAccount: PER_ACCOUNT_CONCURRENCY,
      accountIds: new Map(plan.accounts.flatMap((a) => (a.id ? [[a.key, a.id] as const] : []))),
      run: operationRunner({
        clients,
        managementAccountId: desired.organization?.managementAccount ?? "",
        wait: true,
        allowCloseAccounts: false,
        progress: (line) => core.info(line),
        createdRoles: new Set(),
      }),
      onApplied: (c) => core.info(`applied ${c.address} (${c.action})`),
      onFailed: (c, error) => core.error(`failed ${c.address} (${c.action}): ${error}`),
    });
    await report(resultMarkdown(result));
    const incomplete = result.failed.length + result.notAttempted.length;
    if (incomplete > 0) core.setFailed(`apply incomplete: ${result.failed.length} failed, ${result.notAttempted.length} not attempted`);
  } finally {
    clients.destroy();
  }
}

/** Applying needs every account read and no change the engine refuses. */
function whyNotApply(plan: Plan, refused: string[]): string | undefined {
  if (plan.errors.length > 0) return `the plan could not read ${plan.errors.map((e) => e.account).join(", ")}`;
  if (refused.length > 0) return refused.join("; ");
  return undefined;
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
