// Import of an organization's guardrails: policies (content, targets, tags), where
// FullAWSAccess was replaced, trusted services and delegated administrators are written to
// orgctl.yaml; the result validates, plans only the policies' adopts, and after apply plans
// nothing.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/index.js";

const MGMT = "111111111111";
const SEC = "222222222222";
const DEV = "333333333333";
const CLI = path.resolve("dist/orgctl.mjs");
const denyLeave = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] };
const allowList = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:*", "sts:*", "appconfig:*", "organizations:*"], Resource: "*" }] };
const tagPolicy = { tags: { costcenter: { tag_key: { "@@assign": "CostCenter" } } } };

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Security" }, { path: "Workloads" }],
    accounts: [
      { id: MGMT, name: "Management", email: "aws+mgmt@example.com" },
      { id: SEC, name: "Security", email: "aws+sec@example.com", unit: "Security" },
      { id: DEV, name: "Dev", email: "aws+dev@example.com", unit: "Workloads" },
    ],
    policyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"],
    policies: [
      { name: "deny-leaving", type: "SERVICE_CONTROL_POLICY", description: "stay", content: denyLeave, targets: ["/"], tags: { team: "sec" } },
      { name: "dev-allow-list", type: "SERVICE_CONTROL_POLICY", content: allowList, targets: [DEV] },
      { name: "cost-center", type: "TAG_POLICY", content: tagPolicy, targets: ["Workloads"] },
    ],
    managedDetachedFrom: { SERVICE_CONTROL_POLICY: [DEV] },
    trustedServices: ["guardduty.amazonaws.com"],
    delegatedAdministrators: [{ accountId: SEC, servicePrincipal: "guardduty.amazonaws.com" }],
  },
};

const emulator = withEmulator({ snapshot });

function orgctl(e: EmulatorHandle, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", ...envFor(e) }, encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function planned(e: EmulatorHandle, dir: string): Promise<{ code: number; real: string[]; conflicts: unknown[] }> {
  const r = await orgctl(e, ["plan", dir, "--format", "json"]);
  const plan = JSON.parse(r.stdout) as { changes: { action: string; address: string }[]; conflicts: unknown[] };
  return { code: r.code, real: plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`).sort(), conflicts: plan.conflicts };
}

describe("orgctl import of organization policies", () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-import-policies-")), "imported");

  it("writes policies, FullAWSAccess's replacement, trusted services and delegated administrators", async () => {
    const r = await orgctl(emulator(), ["import", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const org = parse(readFileSync(path.join(out, "orgctl.yaml"), "utf8")).organization;
    expect(org.fullAWSAccess).toEqual({ detachFrom: { accounts: ["dev"] } });
    expect(org.policies).toEqual({
      "deny-leaving": { type: "SERVICE_CONTROL_POLICY", description: "stay", content: denyLeave, tags: { team: "sec" }, targets: { root: true }, adopt: true },
      "dev-allow-list": { type: "SERVICE_CONTROL_POLICY", content: allowList, targets: { accounts: ["dev"] }, adopt: true },
      "cost-center": { type: "TAG_POLICY", content: tagPolicy, targets: { units: ["Workloads"] }, adopt: true },
    });
    expect(org.trustedServices).toEqual(["guardduty.amazonaws.com"]);
    expect(org.delegatedAdministrators).toEqual([{ account: "security", service: "guardduty.amazonaws.com" }]);
    expect(org.policyTypes).toBeUndefined();
  });

  it("validates, plans only the policies' adopts, and nothing once applied", async () => {
    const e = emulator();
    const validate = await orgctl(e, ["validate", out]);
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);
    const first = await planned(e, out);
    expect(first.conflicts).toEqual([]);
    expect(first.real).toEqual([
      "adopt management/organizations/org-policy/SERVICE_CONTROL_POLICY/deny-leaving",
      "adopt management/organizations/org-policy/SERVICE_CONTROL_POLICY/dev-allow-list",
      "adopt management/organizations/org-policy/TAG_POLICY/cost-center",
    ]);
    const applied = await orgctl(e, ["apply", out, "--auto-approve"]);
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    const second = await planned(e, out);
    expect(second.real).toEqual([]);
    expect(second.code).toBe(0);
  });
});
