// Writes a benchmark run as JSON (every number) and Markdown (the tables docs/scale.md and
// the README show): one row per measured run with its lower bound and measured ÷ bound.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Bound, Limits } from "./bound.js";
import type { Run } from "./measure.js";

type Counted = Run & { changes: number };
type Bounded = Counted & { bound: number };

export interface SizeResult {
  accounts: number;
  /** `orgctl --version`: process start alone. */
  startup: Run;
  /** `orgctl validate` on the same files: process start and YAML load, no AWS. */
  load: Run;
  plan: Counted;
  bound: Bound;
  /** The same organization and accounts with nothing else managed. */
  orgOnly: Bounded;
  apply?: Run;
  applyBound?: { seconds: number; readSeconds: number; writeSeconds: number };
  /** applyBound at the mean latency the emulator delivered (Run.servedMs) instead of the configured one. */
  applyBoundServed?: { seconds: number; readSeconds: number; writeSeconds: number };
  replan?: Counted;
  /** A saved full plan changing one account tag, applied. */
  oneChange?: Bounded;
  /** `plan . --changed-since HEAD` after editing one role of one account. */
  scoped: Bounded;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; node: string };
  limits: Limits;
  sizes: SizeResult[];
}

const s = (ms: number) => (ms / 1000).toFixed(1);
const total = (r: Run) => Object.values(r.calls).reduce((a, b) => a + b, 0);

export function writeReport(result: BenchResult, dir: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, "latest.json");
  const markdown = path.join(dir, "latest.md");
  writeFileSync(json, JSON.stringify(result, null, 2) + "\n");
  writeFileSync(markdown, toMarkdown(result));
  return { json, markdown };
}

interface Row {
  what: string;
  accounts: number;
  run: Run;
  bound: number;
  changes?: number;
  note: string;
}

function rows(x: SizeResult): Row[] {
  const b = x.bound;
  const out: Row[] = [
    { what: "full plan", accounts: x.accounts, run: x.plan, bound: b.seconds, changes: x.plan.changes, note: `org ${b.organizationSeconds.toFixed(1)} s ${b.limitedBy.organization} / accounts ${b.accountSeconds.toFixed(1)} s ${b.limitedBy.accounts}` },
    { what: "organization-only plan", accounts: x.accounts, run: x.orgOnly, bound: x.orgOnly.bound, changes: x.orgOnly.changes, note: `AssumeRole + IAM calls: ${(x.orgOnly.calls["sts:AssumeRole"] ?? 0) + serviceCalls(x.orgOnly, "iam")}` },
  ];
  if (x.apply && x.applyBound) {
    const a = x.applyBound;
    out.push({ what: "apply (saved full plan)", accounts: x.accounts, run: x.apply, bound: a.seconds, changes: x.plan.changes, note: `reads ${a.readSeconds.toFixed(1)} s + writes ${a.writeSeconds.toFixed(1)} s; re-plan: ${x.replan?.changes ?? "–"} changes` });
  }
  if (x.oneChange) {
    out.push({ what: "one-change apply (saved full plan)", accounts: x.accounts, run: x.oneChange, bound: x.oneChange.bound, changes: x.oneChange.changes, note: "load + 3 calls" });
  }
  out.push({ what: "one-role change-scoped plan", accounts: x.accounts, run: x.scoped, bound: x.scoped.bound, changes: x.scoped.changes, note: "load twice + its calls" });
  return out;
}

function serviceCalls(run: Run, service: string): number {
  return run.callsByService[service]?.calls ?? 0;
}

function toMarkdown(r: BenchResult): string {
  const { rates, latencyMs, concurrency } = r.limits;
  const lines = [
    `Run ${r.date} on ${r.machine.cpus} CPUs, Node ${r.machine.node}; emulator latency ${latencyMs} ms per call;`,
    `rate limits (calls/s): STS ${rates.sts} (caller account), IAM ${rates.iam} and AppConfig ${rates.appconfig} per account, Organizations ${rates.organizations} (management account); plan and apply concurrency ${concurrency}.`,
    "",
    "| Run | Accounts | Wall (s) | Lower bound (s) | Measured ÷ bound | CPU (s) | Peak RSS (MB) | API calls | Throttled | Changes | Bound made of |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
  ];
  for (const x of r.sizes) {
    for (const row of rows(x)) {
      lines.push(
        `| ${row.what} | ${row.accounts} | ${s(row.run.wallMs)} | ${row.bound.toFixed(1)} | ${(row.run.wallMs / 1000 / row.bound).toFixed(2)} | ${row.run.cpuSeconds.toFixed(1)} | ${row.run.peakRssMb} | ${total(row.run)} | ${row.run.rejected} | ${row.changes ?? "–"} | ${row.note} |`,
      );
    }
  }
  const served = r.sizes.filter((x) => x.apply && x.applyBoundServed);
  if (served.length > 0) {
    lines.push("", `Apply against the latency the emulator delivered (mean time from a call's arrival to its answer, which the emulator's timers make differ slightly from the configured ${latencyMs} ms), the same bound formula; what is left above it is orgctl's, or the calls' way between the two processes:`, "");
    lines.push("| Accounts | Delivered latency (ms) | Bound at it (s) | Measured ÷ it |", "|---:|---:|---:|---:|");
    for (const x of served) lines.push(`| ${x.accounts} | ${x.apply!.servedMs.toFixed(2)} | ${x.applyBoundServed!.seconds.toFixed(1)} | ${(x.apply!.wallMs / 1000 / x.applyBoundServed!.seconds).toFixed(2)} |`);
  }
  lines.push("", "Load only (`orgctl validate`, no AWS; process start, `orgctl --version`, alone in brackets), seconds:", "");
  lines.push("| Accounts | " + r.sizes.map((x) => String(x.accounts)).join(" | ") + " |", "|---|" + r.sizes.map(() => "---:").join("|") + "|");
  lines.push("| validate, wall (start) | " + r.sizes.map((x) => `${s(x.load.wallMs)} (${s(x.startup.wallMs)})`).join(" | ") + " |");
  // CPU time is what loading costs; wall time on a shared machine also counts waiting for a core.
  lines.push("| validate, CPU (start) | " + r.sizes.map((x) => `${x.load.cpuSeconds.toFixed(2)} (${x.startup.cpuSeconds.toFixed(2)})`).join(" | ") + " |");

  lines.push("", "Organization-only plan, calls per service (accounts whose credentials made them):", "");
  const services = ["organizations", "sts", "iam", "appconfig"];
  lines.push("| Service | " + r.sizes.map((x) => `${x.accounts} accounts`).join(" | ") + " |", "|---|" + r.sizes.map(() => "---:").join("|") + "|");
  for (const svc of services) {
    lines.push(`| ${svc} | ${r.sizes.map((x) => { const c = x.orgOnly.callsByService[svc]; return c ? `${c.calls} (${c.accounts})` : "0"; }).join(" | ")} |`);
  }

  const one = r.sizes.filter((x) => x.oneChange);
  if (one.length > 0) {
    lines.push("", "One-change apply from a saved full plan, API calls by service:operation (the re-read of what it touches, the lock, the write):", "");
    lines.push("| Operation | " + one.map((x) => `${x.accounts} accounts`).join(" | ") + " |", "|---|" + one.map(() => "---:").join("|") + "|");
    const oneOps = [...new Set(one.flatMap((x) => Object.keys(x.oneChange!.calls)))].sort();
    for (const op of oneOps) lines.push(`| ${op} | ${one.map((x) => x.oneChange!.calls[op] ?? 0).join(" | ")} |`);
  }

  lines.push("", "API calls per full plan, by service:operation:", "", "| Operation | " + r.sizes.map((x) => `${x.accounts} accounts`).join(" | ") + " |");
  lines.push("|---|" + r.sizes.map(() => "---:").join("|") + "|");
  const ops = [...new Set(r.sizes.flatMap((x) => Object.keys(x.plan.calls)))].sort();
  for (const op of ops) lines.push(`| ${op} | ${r.sizes.map((x) => x.plan.calls[op] ?? 0).join(" | ")} |`);
  return lines.join("\n") + "\n";
}
