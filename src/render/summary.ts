// The one-line plan summary every renderer prints ("Plan: 2 to create, 1 to update.").
import type { PlanSummary } from "../engine/plan.js";
import { ACTIONS } from "./symbols.js";

export function countsText(counts: Record<string, number>): string {
  return ACTIONS.filter((a) => counts[a]).map((a) => `${counts[a]} to ${a}`).join(", ") || "no changes";
}

export function summaryLine(summary: PlanSummary): string {
  return `Plan: ${countsText(summary.totals)}.`;
}

/** Conflicts and unread accounts, which block or limit the plan; empty when there are none. */
export function problemsText(summary: PlanSummary): string[] {
  const out: string[] = [];
  if (summary.conflicts > 0) out.push(`${summary.conflicts} conflict(s).`);
  if (summary.errors > 0) out.push(`${summary.errors} account(s) could not be read.`);
  return out;
}
