// End to end: two accounts whose roles trust each other are created in one apply, the
// re-plan is clean, and each role can assume the other in the emulator.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AssumeRoleCommand, type STSClient } from "@aws-sdk/client-sts";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { clientFor } from "./helpers/emulator.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { orgctl } from "./helpers/example-sandbox.js";

const HUB = "222222222222";
const SPOKE = "333333333333";
const HUB_ROLE = `arn:aws:iam::${HUB}:role/hub-runner`;
const SPOKE_ROLE = `arn:aws:iam::${SPOKE}:role/spoke-runner`;

// hub-runner trusts only spoke-runner, so it is the role created first (with a trust that
// grants nothing); spoke-runner also trusts the management account, where the test starts.
// Across accounts a role needs an sts:AssumeRole Allow of its own besides the other's trust.
const MAY_ASSUME = '{ hop: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "sts:AssumeRole", Resource: "*" }] } }';
const YAML = `
organization:
  managementAccount: "111111111111"
  accessRole: OrganizationAccountAccessRole
  units: {}
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  hub: { id: "${HUB}", email: aws+hub@example.com }
  spoke: { id: "${SPOKE}", email: aws+spoke@example.com }
roles:
  - name: hub-runner
    in: { accounts: [hub] }
    trust: { roles: [spoke/spoke-runner] }
    inlinePolicies: ${MAY_ASSUME}
  - name: spoke-runner
    in: { accounts: [spoke] }
    trust: { accounts: [management], roles: [hub/hub-runner] }
    inlinePolicies: ${MAY_ASSUME}
`;

async function assume(sts: STSClient, handle: EmulatorHandle, roleArn: string): Promise<{ arn: string; sts: STSClient }> {
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "trust-cycle" }));
  const c = out.Credentials!;
  const next = clientFor(handle, "sts", { credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
  return { arn: out.AssumedRoleUser!.Arn!, sts: next };
}

describe("apply: roles in two accounts that trust each other", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-trust-cycle-"));
  let handle: EmulatorHandle;
  beforeAll(async () => {
    writeFileSync(path.join(dir, "orgctl.yaml"), YAML);
    const loaded = await loadDesiredState(dir);
    if (!loaded.state) throw new Error(JSON.stringify(loaded.errors));
    handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state) });
  });
  afterAll(async () => handle?.stop());

  it("plans the break, applies it in one run, re-plans clean, and each role assumes the other", async () => {
    const planFile = path.join(dir, "plan.json");
    const plan = await orgctl(handle, "plan", dir, "--out", planFile);
    expect(plan.stderr).not.toContain("cycle");
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("trust completed after spoke/iam/role/spoke-runner exists");

    const audit = auditFile();
    const applied = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(applied.stderr).not.toMatch(/fail|retry/i);
    expect(applied.code).toBe(0);
    expect(readAudit(audit).map((l) => [l.address, l.result])).toEqual([
      ["hub/iam/role/hub-runner", "applied"],
      ["spoke/iam/role/spoke-runner", "applied"],
      ["hub/iam/role-trust/hub-runner", "applied"],
    ]);

    // The saved plan's checks see the created roles and completed trust as this plan applied.
    const again = await orgctl(handle, "apply", planFile);
    expect(again.stdout).toContain("This plan has already been applied");
    expect(again.code).toBe(0);

    const replan = await orgctl(handle, "plan", dir);
    expect(replan.stdout).toContain("Plan: no changes.");
    expect(replan.code).toBe(0);

    const management = clientFor(handle, "sts");
    const spoke = await assume(management, handle, SPOKE_ROLE);
    const hub = await assume(spoke.sts, handle, HUB_ROLE);
    expect(hub.arn).toBe(`arn:aws:sts::${HUB}:assumed-role/hub-runner/trust-cycle`);
    const back = await assume(hub.sts, handle, SPOKE_ROLE);
    expect(back.arn).toBe(`arn:aws:sts::${SPOKE}:assumed-role/spoke-runner/trust-cycle`);
    // The management account was never trusted by hub-runner: the completed trust is exactly the YAML's.
    await expect(management.send(new AssumeRoleCommand({ RoleArn: HUB_ROLE, RoleSessionName: "trust-cycle" }))).rejects.toMatchObject({ name: "AccessDenied" });
    for (const c of [management, spoke.sts, hub.sts, back.sts]) c.destroy();
  });
});
