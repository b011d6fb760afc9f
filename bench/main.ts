// `npm run bench [-- --sizes 100,1000,5000 --latency 30 --quick]`: for each size, plans a
// synthetic organisation against the emulator with per-call latency and rate limits
// (full, organization-only, change-scoped), and up to --apply-max applies the plan, re-plans
// and applies a one-change plan; each run is compared with its lower bound.
import { cpus, tmpdir } from "node:os";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator } from "../src/emulator/index.js";
import { DEFAULT_CONCURRENCY } from "../src/engine/read-live.js";
import type { Limits } from "./bound.js";
import { generateOrg } from "./generate.js";
import { writeReport, type SizeResult } from "./report.js";
import { measureSize } from "./scenarios.js";

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

const work = mkdtempSync(path.join(tmpdir(), "orgctl-bench-"));
const results: SizeResult[] = [];
try {
  for (const size of sizes) {
    const org = generateOrg(size, work);
    // The call log is a bounded ring; keep every call of the largest run so the counts are whole.
    const emulator = await startEmulator({ snapshot: org.snapshot, faults: { latencyMs: limits.latencyMs, rateLimits: limits.rates }, callLogCapacity: 5_000_000 });
    try {
      const result = await measureSize(emulator, org, limits, size <= applyMax);
      results.push(result);
      process.stderr.write(
        `${size} accounts: plan ${(result.plan.wallMs / 1000).toFixed(1)} s (bound ${result.bound.seconds.toFixed(1)} s), peak RSS ${result.plan.peakRssMb} MB` +
          `; scoped plan ${(result.scoped.wallMs / 1000).toFixed(1)} s` +
          (result.apply ? `; apply ${(result.apply.wallMs / 1000).toFixed(1)} s (bound ${result.applyBound!.seconds.toFixed(1)} s)` : "") +
          "\n",
      );
    } finally {
      await emulator.stop();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const files = writeReport({ date: new Date().toISOString(), machine: { cpus: cpus().length, node: process.version }, limits, sizes: results }, values.out);
process.stdout.write(readFileSync(files.markdown, "utf8"));
