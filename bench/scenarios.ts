// The runs measured for one synthetic organisation, in an order that keeps each one
// meaningful: the read-only plans first, then apply (live state changes), the re-plan that
// must find nothing, a one-change apply from a saved full plan, and last a change-scoped
// plan of one edited role (the edit stays in the working tree, against a commit).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { EmulatorHandle } from "../src/emulator/index.js";
import type { Plan } from "../src/engine/types.js";
import { DEFAULT_CONCURRENCY } from "../src/engine/read-live.js";
import { applyLowerBound, planLowerBound, type Limits } from "./bound.js";
import { changeOneRole, changeOneTag, type SyntheticOrg } from "./generate.js";
import { runOrgctl, type Run } from "./measure.js";
import type { SizeResult } from "./report.js";

/** What a one-change apply must do at least: who am I, re-read the one resource, write it. */
const ONE_TAG_CHANGE = { "sts:GetCallerIdentity": 1, "organizations:ListTagsForResource": 1, "organizations:TagResource": 1 };

export async function measureSize(emulator: EmulatorHandle, org: SyntheticOrg, limits: Limits, apply: boolean): Promise<SizeResult> {
  const changesIn = (file: string) => (JSON.parse(readFileSync(file, "utf8")) as Plan).changes.filter((c) => c.action !== "noop").length;
  const expect = (run: Run, codes: number[], what: string) => {
    if (!codes.includes(run.exitCode)) throw new Error(`${what} of ${org.accounts} accounts exited ${run.exitCode}: ${run.stderr}`);
    return run;
  };
  const planFile = path.join(org.dir, "plan.json");
  const startup = expect(await runOrgctl(emulator, ["--version"]), [0], "orgctl --version");
  const load = expect(await runOrgctl(emulator, ["validate", org.dir]), [0], "validate");
  const loading = (times: number) => loadingSeconds(startup, load, times);
  const plan = expect(await runOrgctl(emulator, ["plan", org.dir, "--format", "json", "--out", planFile]), [2], "plan");
  const orgOnlyFile = path.join(org.orgOnlyDir, "plan.json");
  const orgOnly = expect(await runOrgctl(emulator, ["plan", org.orgOnlyDir, "--format", "json", "--out", orgOnlyFile]), [0, 2], "organization-only plan");

  let applied: Pick<SizeResult, "apply" | "applyBound" | "applyBoundServed" | "replan" | "oneChange"> = {};
  if (apply) {
    const run = expect(await runOrgctl(emulator, ["apply", planFile, "--auto-approve", "--no-wait"]), [0], "apply");
    const replanFile = path.join(org.dir, "replan.json");
    const replan = expect(await runOrgctl(emulator, ["plan", org.dir, "--format", "json", "--out", replanFile]), [0, 2], "re-plan");
    changeOneTag(org.dir);
    const oneFile = path.join(org.dir, "one.json");
    expect(await runOrgctl(emulator, ["plan", org.dir, "--format", "json", "--out", oneFile]), [2], "one-change plan");
    const one = expect(await runOrgctl(emulator, ["apply", oneFile, "--auto-approve", "--no-wait"]), [0], "one-change apply");
    applied = {
      apply: run,
      applyBound: applyLowerBound(run.calls, limits, DEFAULT_CONCURRENCY),
      // The same bound at the latency the emulator delivered: what is left above it is orgctl's.
      applyBoundServed: applyLowerBound(run.calls, { ...limits, latencyMs: run.servedMs }, DEFAULT_CONCURRENCY),
      replan: { ...replan, changes: changesIn(replanFile) },
      oneChange: { ...one, changes: changesIn(oneFile), bound: loading(1) + applyLowerBound(ONE_TAG_CHANGE, limits, DEFAULT_CONCURRENCY).seconds },
    };
  }

  commitAll(org.dir);
  changeOneRole(org.dir);
  const scopedFile = path.join(org.dir, "scoped.json");
  const scoped = expect(await runOrgctl(emulator, ["plan", ".", "--changed-since", "HEAD", "--format", "json", "--out", scopedFile], org.dir), [2], "scoped plan");
  return {
    accounts: org.accounts,
    startup,
    load,
    plan: { ...plan, changes: changesIn(planFile) },
    bound: planLowerBound(plan.calls, limits),
    orgOnly: { ...orgOnly, changes: changesIn(orgOnlyFile), bound: planLowerBound(orgOnly.calls, limits).seconds },
    ...applied,
    // It loads the YAML twice: the working tree and the commit.
    scoped: { ...scoped, changes: changesIn(scopedFile), bound: loading(2) + planLowerBound(scoped.calls, limits).seconds },
  };
}

/**
 * Seconds no run that loads the desired state `times` times can go below: the CPU time of
 * process start, and of loading (validate less process start) once per load. CPU time,
 * not wall time: on a shared machine wall time also counts waiting for a core.
 */
export function loadingSeconds(startup: Run, load: Run, times: number): number {
  return startup.cpuSeconds + times * Math.max(0, load.cpuSeconds - startup.cpuSeconds);
}

function commitAll(dir: string): void {
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args], { cwd: dir, stdio: "ignore" });
  git("init", "-q");
  git("add", "orgctl.yaml", "accounts.yaml");
  git("commit", "-qm", "synthetic organization");
}
