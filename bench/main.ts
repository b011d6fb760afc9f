// `npm run bench [-- --sizes 100,1000,5000 --latency 30 --quick]`: plans (and for the
// smaller sizes applies, then re-plans) synthetic organisations against the emulator
// with per-call latency and rate limits, and compares plan time with its lower bound.
import { cpus, tmpdir } from "node:os";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../src/emulator/index.js";
import type { Plan } from "../src/engine/types.js";
import { DEFAULT_CONCURRENCY } from "../src/providers/read-live.js";
import { planLowerBound, type Limits } from "./bound.js";
import { generateOrg } from "./generate.js";
import { runOrgctl } from "./measure.js";
import { writeReport, type SizeResult } from "./report.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,1000,5000" },
    latency: { type: "string", default: "30" },
    "apply-max": { type: "string", default: "1000" },
    "org-rate": { type: "string", default: "20" },
    quick: { type: "boolean", default: false },
    out: { type: "string", default: "bench/results" },
  },
});
const sizes = values.quick ? [100] : values.sizes.split(",").map(Number);
const limits: Limits = {
  latencyMs: Number(values.latency),
  rates: { organizations: Number(values["org-rate"]), sts: 100, iam: 20, appconfig: 20 },
  concurrency: DEFAULT_CONCURRENCY,
  organizationsConcurrency: 8,
};
const applyMax = values.quick ? 0 : Number(values["apply-max"]);

const changesIn = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as Plan).changes.filter((c) => c.action !== "noop").length;

const work = mkdtempSync(path.join(tmpdir(), "orgctl-bench-"));
const results: SizeResult[] = [];
try {
  for (const size of sizes) {
    const org = generateOrg(size, work);
    // The call log is a bounded ring; keep every call of the largest run so the counts are whole.
    const emulator = await startEmulator({ snapshot: org.snapshot, faults: { latencyMs: limits.latencyMs, rateLimits: limits.rates }, callLogCapacity: 5_000_000 });
    try {
      const planFile = path.join(org.dir, "plan.json");
      const load = await runOrgctl(emulator, ["validate", org.dir]);
      const plan = await runOrgctl(emulator, ["plan", org.dir, "--format", "json", "--out", planFile]);
      if (plan.exitCode !== 2) throw new Error(`plan of ${size} accounts exited ${plan.exitCode}: ${plan.stderr}`);
      const result: SizeResult = { accounts: org.accounts, load, plan: { ...plan, changes: changesIn(planFile) }, bound: planLowerBound(plan.calls, limits) };
      if (size <= applyMax) {
        result.apply = await runOrgctl(emulator, ["apply", planFile, "--auto-approve", "--no-wait"]);
        if (result.apply.exitCode !== 0) throw new Error(`apply of ${size} accounts exited ${result.apply.exitCode}: ${result.apply.stderr}`);
        const replanFile = path.join(org.dir, "replan.json");
        const replan = await runOrgctl(emulator, ["plan", org.dir, "--format", "json", "--out", replanFile]);
        result.replan = { ...replan, changes: changesIn(replanFile) };
      }
      results.push(result);
      process.stderr.write(`${size} accounts: plan ${(plan.wallMs / 1000).toFixed(1)} s (bound ${result.bound.seconds.toFixed(1)} s), peak RSS ${plan.peakRssMb} MB\n`);
    } finally {
      await emulator.stop();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const files = writeReport({ date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, limits, sizes: results }, values.out);
process.stdout.write(readFileSync(files.markdown, "utf8"));
