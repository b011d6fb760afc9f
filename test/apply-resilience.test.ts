// Apply under throttling and server errors, after being killed halfway, and when it
// creates an account and continues inside it in the same run.
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { ListAccountsCommand } from "@aws-sdk/client-organizations";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { envFor, clientFor } from "./helpers/emulator.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";
import { auditFile, readAudit } from "./helpers/apply.js";

async function sandbox(example: string, opts: { timeScale?: number } = {}): Promise<EmulatorHandle> {
  const loaded = await loadDesiredState(example);
  return startEmulator({ snapshot: snapshotFromDesired(loaded.state!), timeScale: opts.timeScale ?? 1 });
}

describe("apply: resilience", () => {
  it("converges under 20% throttling and 5% server errors", async () => {
    const example = "examples/3-cross-account-deploys";
    const handle = await sandbox(example);
    try {
      handle.setFaults({ seed: 7, rules: [{ service: "*", operation: "*", kind: "throttle", rate: 0.2 }, { service: "*", operation: "*", kind: "5xx", rate: 0.05 }] });
      const result = await orgctl(handle, "apply", example, "--auto-approve", "--audit-log", auditFile());
      expect(result.stdout).toContain("Apply complete");
      expect(result.code).toBe(0);
      const faulted = handle.world.calls.filter((c) => c.status === 429 || c.status >= 500 || c.status === 400).length;
      expect(faulted).toBeGreaterThan(10);
      handle.setFaults({});
      expect((await orgctl(handle, "plan", example)).code).toBe(0);
    } finally {
      await handle.stop();
    }
  });

  it("completes an apply that was killed halfway, and re-plans to zero", async () => {
    const example = "examples/5-cicd-fanout";
    const handle = await sandbox(example);
    try {
      // Slow every call a little so the kill lands in the middle of the run.
      handle.setFaults({ latencyMs: 5 });
      const planned = await orgctl(handle, "plan", example, "--format", "json");
      const total = (JSON.parse(planned.stdout) as { changes: { action: string }[] }).changes.filter((c) => c.action !== "noop").length;
      const audit = auditFile();
      const child = spawn(process.execPath, ["dist/orgctl.mjs", "apply", example, "--auto-approve", "--audit-log", audit], {
        env: { ...process.env, ...envFor(handle), NO_COLOR: "1" },
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      while (readAudit(audit).length < 20) await new Promise((r) => setTimeout(r, 20));
      child.kill("SIGKILL");
      await exited;
      const firstRun = readAudit(audit).length;
      expect(firstRun).toBeLessThan(total);

      handle.setFaults({});
      const resumed = await orgctl(handle, "apply", example, "--auto-approve", "--audit-log", audit);
      expect(resumed.code).toBe(0);
      const lines = readAudit(audit);
      // The second run did what was left. Operations cut off mid-way (up to the concurrency
      // of 8) may have finished on AWS unlogged, or be redone by the second run.
      const secondRun = lines.length - firstRun;
      expect(firstRun + secondRun).toBeGreaterThanOrEqual(total - 8);
      expect(secondRun).toBeLessThanOrEqual(total - firstRun + 8);
      expect(lines.every((l) => l.result === "applied")).toBe(true);
      expect((await orgctl(handle, "plan", example)).code).toBe(0);
    } finally {
      await handle.stop();
    }
  });

  it("creates an account, moves it into its unit and creates roles inside it in the same run", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "orgctl-apply-account-"));
    const file = path.join(dir, "orgctl.yaml");
    writeFileSync(
      file,
      [
        "organization: { managementAccount: \"111111111111\", accessRole: OrganizationAccountAccessRole, units: { Workloads: { units: { Dev: {} } } } }",
        "accounts:",
        "  management: { id: \"111111111111\", email: aws+mgmt@example.com }",
        "  development: { email: aws+new-dev@example.com, unit: Workloads/Dev, tags: { env: dev } }",
        "roles:",
        "  - name: deployer",
        "    in: { accounts: [development] }",
        "    trust: { accounts: [management] }",
        "    managedPolicies: [ReadOnlyAccess]",
        "  - name: reader",
        "    in: { accounts: [management] }",
        "    trust: { roles: [development/deployer] }",
      ].join("\n") + "\n",
    );
    const handle = await startEmulator({
      snapshot: { formatVersion: 1, organizations: { managementAccountId: "111111111111", accounts: [{ id: "111111111111", name: "management", email: "aws+mgmt@example.com" }] } },
    });
    try {
      const result = await orgctl(handle, "apply", file, "--auto-approve", "--audit-log", auditFile());
      expect(result.stderr).toMatch(/creating account development \(aws\+new-dev@example\.com\): IN_PROGRESS/);
      expect(result.code).toBe(0);
      const org = clientFor(handle, "organizations");
      const created = (await org.send(new ListAccountsCommand({}))).Accounts!.find((a) => a.Email === "aws+new-dev@example.com")!;
      org.destroy();
      const iam = await clientIn(handle, "iam", created.Id!);
      expect((await iam.send(new GetRoleCommand({ RoleName: "deployer" }))).Role?.Arn).toBe(`arn:aws:iam::${created.Id}:role/deployer`);
      iam.destroy();
      const mgmt = clientFor(handle, "iam");
      const reader = await mgmt.send(new GetRoleCommand({ RoleName: "reader" }));
      expect(decodeURIComponent(reader.Role!.AssumeRolePolicyDocument!)).toContain(`arn:aws:iam::${created.Id}:role/deployer`);
      mgmt.destroy();
      expect((await orgctl(handle, "plan", file)).code).toBe(0);
    } finally {
      await handle.stop();
    }
  });
});
