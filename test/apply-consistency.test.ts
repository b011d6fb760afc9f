// Resilience to eventual consistency, end to end: with the emulator's consistency delays on,
// apply creates an account and works inside it (its access role is not assumable at first),
// creates roles that trust roles created moments before (refused as "Invalid principal" at
// first), and converges through orgctl's own retries; the re-plan is empty.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/emulator/index.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { orgctl } from "./helpers/example-sandbox.js";

const MGMT = "111111111111";
const SPOKE = "222222222222";

const YAML = `
organization: { managementAccount: "${MGMT}", accessRole: OrganizationAccountAccessRole, units: { Workloads: {} } }
accounts:
  management: { id: "${MGMT}", email: aws+mgmt@example.com }
  spoke: { id: "${SPOKE}", email: aws+spoke@example.com }
  development: { email: aws+new-dev@example.com, unit: Workloads }
roles:
  - name: deployer
    in: { accounts: [development] }
    trust: { accounts: [management] }
  - name: reader
    in: { accounts: [spoke] }
    trust: { roles: [development/deployer] }
  - name: hub-runner
    in: { accounts: [spoke] }
    trust: { roles: [spoke/spoke-runner] }
  - name: spoke-runner
    in: { accounts: [spoke] }
    trust: { accounts: [management], roles: [spoke/hub-runner] }
`;

describe("apply: eventual consistency", () => {
  it("retries what AWS has not propagated yet and converges: plan, apply, re-plan to zero", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "orgctl-consistency-"));
    writeFileSync(path.join(dir, "orgctl.yaml"), YAML);
    const handle = await startEmulator({
      snapshot: {
        formatVersion: 1,
        organizations: {
          managementAccountId: MGMT,
          accounts: [
            { id: MGMT, name: "management", email: "aws+mgmt@example.com" },
            { id: SPOKE, name: "spoke", email: "aws+spoke@example.com", accessRole: "OrganizationAccountAccessRole" },
          ],
        },
      },
      consistency: { seed: 5, principalMs: 3000, assumeMs: 3000, accessRoleMs: 5000, readMs: 500 },
    });
    try {
      const plan = await orgctl(handle, "plan", dir);
      expect(plan.code).toBe(2);

      const audit = auditFile();
      const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", audit);
      expect(applied.stderr).toContain("access role not assumable yet; retrying");
      expect(applied.stderr).toContain("a new role is not yet accepted as a principal; retrying");
      expect(applied.stdout).toMatch(/Apply complete: \d+ change\(s\) applied\./);
      expect(applied.code).toBe(0);
      expect(readAudit(audit).every((l) => l.result === "applied")).toBe(true);
      // The emulator did refuse: the retries were needed.
      const refused = handle.world.calls.filter((c) => c.status === 400 || c.status === 403).map((c) => `${c.service}:${c.operation}`);
      expect(refused).toContain("sts:AssumeRole");
      expect(refused.some((op) => op === "iam:CreateRole" || op === "iam:UpdateAssumeRolePolicy")).toBe(true);

      // As on AWS, a read right after a write may not show it yet (readMs: at most 750 ms here):
      // the re-plan comes once that has passed, whatever the machine's speed.
      handle.world.clock.advance(1000);
      const replanned = await orgctl(handle, "plan", dir);
      expect(replanned.stdout).toContain("Plan: no changes.");
      expect(replanned.code).toBe(0);
    } finally {
      await handle.stop();
    }
  });
});
