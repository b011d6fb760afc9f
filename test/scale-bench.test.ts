import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { BenchResult } from "../bench/report.js";

const run = promisify(execFile);

describe("npm run bench -- --quick", () => {
  it("plans 100 synthetic accounts and writes sane results", async () => {
    const out = mkdtempSync(join(tmpdir(), "orgctl-bench-"));
    const { stdout } = await run(process.execPath, ["dist/bench.mjs", "--quick", "--latency", "5", "--out", out], { timeout: 120_000 });
    expect(existsSync(join(out, "latest.md"))).toBe(true);
    expect(stdout).toBe(readFileSync(join(out, "latest.md"), "utf8"));
    const result = JSON.parse(readFileSync(join(out, "latest.json"), "utf8")) as BenchResult;
    expect(result.sizes).toHaveLength(1);
    const [size] = result.sizes;
    const members = 101; // 100 generated accounts and the config account; the management account needs no hop
    expect(size!.accounts).toBe(102);
    expect(size!.plan.exitCode).toBe(2);
    // Reads cost O(1) calls per account: one AssumeRole, one page of each IAM read, and
    // none in the management account, where nothing is managed.
    expect(size!.plan.calls["sts:AssumeRole"]).toBe(members);
    expect(size!.plan.calls["iam:GetAccountAuthorizationDetails"]).toBe(members);
    expect(size!.plan.calls["iam:ListRoles"]).toBe(members);
    // Organizations lists by parent (pages of 20), not per account.
    expect(size!.plan.calls["organizations:ListAccountsForParent"]).toBeLessThan(20);
    // 3 roles in each of the 100 accounts, 2 more in the 50 Workloads accounts, the config
    // account's own role, 6 AppConfig resources.
    expect(size!.plan.changes).toBe(407);
    // Organization-only: Organizations and GetCallerIdentity, nothing in any account.
    expect(Object.keys(size!.orgOnly.callsByService).sort()).toEqual(["organizations", "sts"]);
    expect(size!.orgOnly.calls["sts:GetCallerIdentity"]).toBe(1);
    expect(size!.orgOnly.callsByService.sts).toEqual({ calls: 1, accounts: 1 });
    // One role of the config account changed: its account alone (AssumeRole, 2 IAM reads, 2 AppConfig
    // listings for its application), 7 changes since nothing was applied at this size.
    expect(size!.scoped.exitCode).toBe(2);
    expect(size!.scoped.calls).toEqual({
      "sts:GetCallerIdentity": 1,
      "sts:AssumeRole": 1,
      "iam:GetAccountAuthorizationDetails": 1,
      "iam:ListRoles": 1,
      "appconfig:ListApplications": 1,
      "appconfig:ListDeploymentStrategies": 1,
    });
    expect(size!.scoped.changes).toBe(7);
    expect(size!.bound.seconds).toBeGreaterThan(0);
    expect(size!.plan.peakRssMb).toBeGreaterThan(20);
    expect(size!.plan.peakRssMb).toBeLessThan(400);
    expect(result.limits.latencyMs).toBe(5);
  });
});
