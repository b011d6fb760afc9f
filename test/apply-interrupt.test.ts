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

  it("a second signal (SIGTERM, as a CI runner sends) ends the wait: running operations are reported in flight, exit 130", async () => {
    // A fresh organization: the test above converged its own.
    const loaded = await loadDesiredState(EXAMPLE);
    const fresh = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
    try {
      await secondSignal(fresh);
    } finally {
      await fresh.stop();
    }
  });
});

async function secondSignal(handle: EmulatorHandle): Promise<void> {
    const audit = auditFile();
    // Each call takes long enough that the operation is still running when both signals land.
    handle.setFaults({ latencyMs: 2000 });
    const child = spawn(process.execPath, ["dist/orgctl.mjs", "apply", EXAMPLE, "--auto-approve", "--concurrency", "1", "--audit-log", audit], {
      env: { ...process.env, ...envFor(handle), NO_COLOR: "1" },
    });
    let stdout = "";
    let stderr = "";
    let signalled = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!signalled && /^applied /m.test(stderr)) {
        signalled = true;
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGTERM"), 300);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    handle.setFaults({});

    expect(stderr).toContain("SIGTERM: starting nothing more; waiting for running operations to finish (Ctrl-C again to stop waiting)");
    expect(code).toBe(130);
    // With one operation at a time, exactly one was running when the wait was cut short.
    const inFlight = [...stdout.matchAll(/^In flight when interrupted \(outcome unknown: plan again to see\) \((\d+)\):\n {2}(\S+) /gm)];
    expect(inFlight.map((m) => m[1])).toEqual(["1"]);
    expect(stdout).toMatch(/^Apply incomplete: \d+ applied, 0 failed, \d+ not attempted, 1 in flight\./m);
    // The in-flight operation is audited as such when the report is made (an outcome may follow).
    const address = inFlight[0]?.[2];
    const lines = readAudit(audit).filter((l) => l.address === address);
    expect(lines[0]?.result).toBe("in-flight");
    expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect((await orgctl(handle, "plan", EXAMPLE)).code).toBe(0);
}
