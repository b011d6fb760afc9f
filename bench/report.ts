// Writes a benchmark run as JSON (every number) and Markdown (the table docs/scale.md shows).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Bound, Limits } from "./bound.js";
import type { Run } from "./measure.js";

export interface SizeResult {
  accounts: number;
  /** `orgctl validate` on the same files: process start and YAML load, no AWS. */
  load: Run;
  plan: Run & { changes: number };
  bound: Bound;
  apply?: Run;
  replan?: Run & { changes: number };
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; node: string };
  limits: Limits;
  sizes: SizeResult[];
}

const s = (ms: number) => (ms / 1000).toFixed(1);

export function writeReport(result: BenchResult, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "latest.json");
  const markdown = path.join(dir, "latest.md");
  writeFileSync(json, JSON.stringify(result, null, 2) + "\n");
  writeFileSync(markdown, toMarkdown(result));
  return { json, markdown };
}

function toMarkdown(r: BenchResult): string {
  const { rates, latencyMs, concurrency } = r.limits;
  const lines = [
    `Run ${r.date} on ${r.machine.cpus} CPUs, Node ${r.machine.node}; emulator latency ${latencyMs} ms per call;`,
    `rate limits (calls/s): STS ${rates.sts} (caller account), IAM ${rates.iam} and AppConfig ${rates.appconfig} per account, Organizations ${rates.organizations} (management account); plan concurrency ${concurrency}.`,
    "",
    "| Accounts | Plan wall (s) | Lower bound (s) | Measured ÷ bound | Bound phases: org / accounts (s, limited by) | Load only (s) | Peak RSS plan (MB) | API calls | Rejected (throttled) | Changes | Apply (s) | Re-plan changes |",
    "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const x of r.sizes) {
    const total = Object.values(x.plan.calls).reduce((a, b) => a + b, 0);
    lines.push(
      `| ${x.accounts} | ${s(x.plan.wallMs)} | ${x.bound.seconds.toFixed(1)} | ${(x.plan.wallMs / 1000 / x.bound.seconds).toFixed(2)} | ${x.bound.organizationSeconds.toFixed(1)} ${x.bound.limitedBy.organization} / ${x.bound.accountSeconds.toFixed(1)} ${x.bound.limitedBy.accounts} | ${s(x.load.wallMs)} | ${x.plan.peakRssMb} | ${total} | ${x.plan.rejected} | ${x.plan.changes} | ${x.apply ? s(x.apply.wallMs) : "–"} | ${x.replan ? x.replan.changes : "–"} |`,
    );
  }
  lines.push("", "API calls per plan, by service:operation:", "", "| Operation | " + r.sizes.map((x) => `${x.accounts} accounts`).join(" | ") + " |");
  lines.push("|---|" + r.sizes.map(() => "---:").join("|") + "|");
  const ops = [...new Set(r.sizes.flatMap((x) => Object.keys(x.plan.calls)))].sort();
  for (const op of ops) lines.push(`| ${op} | ${r.sizes.map((x) => x.plan.calls[op] ?? 0).join(" | ")} |`);
  return lines.join("\n") + "\n";
}
