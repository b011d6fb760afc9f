// Ctrl-C during apply used to kill the process: no report, operations in flight not
// audited. Now the first SIGINT stops scheduling, running operations finish, and the
// report says what was applied and what was not attempted; the exit code is 130.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { envFor } from "./helpers/emulator.js";
import { orgctl } from "./helpers/example-sandbox.js";

const EXAMPLE = "examples/4-multi-account-landing";
let handle: EmulatorHandle;

beforeAll(async () => {
  const loaded = await loadDesiredState(EXAMPLE);
  handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
});
afterAll(async () => handle?.stop());

describe("SIGINT during apply", () => {
  it("ends in a report of applied and not attempted changes, exit 130, every outcome audited", async () => {
    const audit = auditFile();
    // Slow calls, one operation at a time: the signal lands while the first ones run.
    handle.setFaults({ latencyMs: 150 });
    const child = spawn(process.execPath, ["dist/orgctl.mjs", "apply", EXAMPLE, "--auto-approve", "--concurrency", "1", "--audit-log", audit], {
      env: { ...process.env, ...envFor(handle), NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (/^applied /m.test(stderr) && !child.killed) child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    handle.setFaults({});

    expect(stderr).toContain("SIGINT: starting nothing more; waiting for running operations to finish (Ctrl-C again to stop waiting)");
    expect(code).toBe(130);
    const applied = readAudit(audit).filter((l) => l.result === "applied").map((l) => l.address);
    expect(applied.length).toBeGreaterThan(0);
    // The report lists exactly what the audit log recorded as applied, and the rest as not attempted.
    const reported = [...stdout.matchAll(/^ {2}(\S+) \(\w+\): interrupted before it started$/gm)].map((m) => m[1]);
    expect(reported.length).toBeGreaterThan(0);
    expect(stdout).toContain(`Applied (${applied.length}):`);
    expect(stdout).toMatch(new RegExp(`^Apply incomplete: ${applied.length} applied, 0 failed, ${reported.length} not attempted\\.`, "m"));
    // A later apply finishes the job.
    expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect((await orgctl(handle, "plan", EXAMPLE)).code).toBe(0);
  });
});
