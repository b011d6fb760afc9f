// What the action reports: the one-line `summary` output and the job summary
// ($GITHUB_STEP_SUMMARY). The runner drops a step summary over 1 MiB whole, counting
// BYTES (docs.github.com: "Step isolation and limits"), so the summary is sized in bytes:
// the part that must stay (an apply's result) is kept whole and the plan is cut to fit.
import * as core from "@actions/core";
import { summarize } from "../engine/plan.js";
import type { Plan } from "../engine/types.js";
import { ACTIONS } from "../render/symbols.js";
import { splitMarkdown } from "./split.js";

/** The runner's limit is 1 MiB (1,048,576 bytes); stay clearly below it. */
export const STEP_SUMMARY_BUDGET = 1_000_000;

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

const CUT_NOTE = "\n\n> Truncated: the job summary limit is 1 MiB; the whole plan is in this run's `plan-json` output and plan artifact, the whole apply report in its log.\n";

/** `kept` whole, then as much of `plan` as fits in `budget` bytes. */
export function fitSummary(kept: string, plan: string, budget = STEP_SUMMARY_BUDGET): string {
  const whole = kept + plan;
  if (bytes(whole) <= budget) return whole;
  // Only a report of tens of thousands of operations outgrows the budget on its own.
  if (bytes(kept) + bytes(CUT_NOTE) > budget) return cutToBytes(kept, budget - bytes(CUT_NOTE)) + CUT_NOTE;
  return kept + cutToBytes(plan, budget - bytes(kept) - bytes(CUT_NOTE)) + CUT_NOTE;
}

/** The longest balanced head of `markdown` (see split.ts) within `room` bytes. */
function cutToBytes(markdown: string, room: number): string {
  // A character is 1 to 4 bytes: shrink the character budget until the cut fits in bytes.
  let chars = room;
  for (let tries = 0; tries < 20 && chars > 100; tries++) {
    const cut = splitMarkdown(markdown, chars)[0] ?? "";
    const size = bytes(cut);
    if (size <= room) return cut;
    chars = Math.floor((chars * room * 0.99) / size);
  }
  return "";
}

export function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

export async function writeJobSummary(kept: string, plan = ""): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(fitSummary(kept, plan), true).write();
}
