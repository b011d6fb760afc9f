// The job summary is sized in bytes, as the runner counts it (over 1 MiB it drops the whole
// summary): the apply result is always kept whole and the plan below it is cut to fit.
import { describe, expect, it } from "vitest";
import { bytes, fitSummary, STEP_SUMMARY_BUDGET } from "../src/action/summary.js";

const result = ["## orgctl apply for `org` at aaaaaaa", "", "### ✅ Applied", "", "```text", "Applied (1):", "  development/iam/role/auditor (create)", "Apply complete: 1 change(s) applied.", "```", ""].join("\n");

/** A plan of Japanese descriptions: 3 bytes a character in UTF-8. */
function japanesePlan(lines: number): string {
  const out = ["## orgctl plan", "", "<details><summary>development — many change(s)</summary>", "", "```diff"];
  for (let i = 0; i < lines; i++) out.push(`+ "説明${i}": "本番環境の読み取り専用ロールです。監査チームが使用します。"`);
  out.push("```", "</details>", "");
  return out.join("\n");
}

describe("fitSummary", () => {
  it("keeps a plan whose characters fit but whose bytes do not under the limit, cutting the plan and never the result", () => {
    const plan = japanesePlan(12_000);
    expect(plan.length).toBeLessThan(STEP_SUMMARY_BUDGET);
    expect(bytes(plan)).toBeGreaterThan(1_048_576);
    const summary = fitSummary(result, plan);
    expect(bytes(summary)).toBeLessThanOrEqual(STEP_SUMMARY_BUDGET);
    expect(bytes(summary)).toBeGreaterThan(STEP_SUMMARY_BUDGET - 10_000);
    expect(summary.startsWith(result + "## orgctl plan\n")).toBe(true);
    expect(summary).toMatch(/```\n<\/details>\n\n> Truncated: the job summary limit is 1 MiB; .*\n$/);
  });

  it("leaves a summary that fits as it is", () => {
    const plan = japanesePlan(10);
    expect(fitSummary(result, plan)).toBe(result + plan);
  });

  it("cuts even the result when it alone is past the limit, rather than lose the whole summary", () => {
    const huge = result + "x".repeat(2_000_000);
    const summary = fitSummary(huge, "");
    expect(bytes(summary)).toBeLessThanOrEqual(STEP_SUMMARY_BUDGET);
    expect(summary.startsWith("## orgctl apply for `org` at aaaaaaa\n\n### ✅ Applied")).toBe(true);
  });
});
