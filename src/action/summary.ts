// What the action reports: the one-line `summary` output and the job summary
// ($GITHUB_STEP_SUMMARY), which holds the whole plan (up to the runner's size limit).
import * as core from "@actions/core";
import { summarize } from "../engine/plan.js";
import type { Plan } from "../engine/types.js";
import { ACTIONS } from "../render/symbols.js";
import { splitMarkdown } from "./split.js";

/** The runner rejects a step summary over 1 MiB; stay clearly below it. */
const STEP_SUMMARY_LIMIT = 1_000_000;

/** e.g. "2 to create, 1 to update (development: 2 to create; production: 1 to update)". */
export function oneLineSummary(plan: Plan): string {
  const s = summarize(plan);
  const counts = (c: Record<string, number>) => ACTIONS.filter((a) => c[a]).map((a) => `${c[a]} to ${a}`).join(", ");
  const accounts = Object.keys(s.byAccount).sort();
  let text = accounts.length === 0 ? "no changes" : `${counts(s.totals)} (${accounts.map((a) => `${a}: ${counts(s.byAccount[a] ?? {})}`).join("; ")})`;
  if (s.conflicts > 0) text += `; ${s.conflicts} conflict(s)`;
  if (s.errors > 0) text += `; ${s.errors} account(s) not read`;
  return text;
}

export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const body =
    markdown.length <= STEP_SUMMARY_LIMIT
      ? markdown
      : splitMarkdown(markdown, STEP_SUMMARY_LIMIT)[0] + "\n\n> Truncated: the job summary limit is 1 MiB; the `plan-json` output has the whole plan.\n";
  await core.summary.addRaw(body, true).write();
}
