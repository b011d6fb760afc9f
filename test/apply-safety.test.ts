// Refusals: a saved plan whose resources changed since, a plan made from other desired
// state, a (hand-edited) change to the access role; prune leaves unmanaged roles alone.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DetachRolePolicyCommand, GetRoleCommand, ListAttachedRolePoliciesCommand, UpdateRoleCommand } from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { resolveOwner } from "../src/config/owner.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import type { Snapshot } from "../src/emulator/types.js";
import { hashOf } from "../src/engine/canonical.js";
import { liveRole } from "../src/kinds/iam/role/shape.js";
import type { Plan } from "../src/engine/types.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { claimedOf } from "../src/engine/claimed.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { handEdited } from "./fixtures/hand-edited.js";

const EXAMPLE = "examples/4-multi-account-landing";
const DEV = "210987654321";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" }] };
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-apply-safety-"));

async function start(extra?: (s: Snapshot) => void): Promise<EmulatorHandle> {
  const loaded = await loadDesiredState(EXAMPLE);
  const snapshot = snapshotFromDesired(loaded.state!);
  extra?.(snapshot);
  return startEmulator({ snapshot });
}

describe("apply: saved plans", () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await start();
    expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
  });
  afterAll(async () => handle?.stop());

  it("refuses a plan whose role changed behind orgctl's back, and applies nothing", async () => {
    const iam = await clientIn(handle, "iam", DEV);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN }));
    const planFile = path.join(dir, "stale.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    // After the plan, someone changes the same role again.
    await iam.send(new UpdateRoleCommand({ RoleName: "administrator", Description: "edited by hand" }));

    const audit = auditFile();
    const result = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(result.stderr).toContain(`Error: the plan no longer matches the YAML and live state: development/iam/role/administrator changed since the plan was made; run plan again`);
    expect(result.code).toBe(1);
    expect(readAudit(audit)).toEqual([]);
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "administrator" }));
    expect(attached.AttachedPolicies).toEqual([]);

    // A fresh plan of the same change applies.
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    const applied = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(applied.code).toBe(0);
    expect(readAudit(audit).map((l) => [l.address, l.result])).toEqual([["development/iam/role/administrator", "applied"]]);
    expect((await orgctl(handle, "plan", EXAMPLE)).code).toBe(0);

    // The same plan file again: not stale, just done.
    const again = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(again.stdout).toContain("This plan has already been applied: live state matches it. Nothing to apply.");
    expect(again.code).toBe(0);
    expect(readAudit(audit)).toHaveLength(1);
    iam.destroy();
  });

  it("refuses a plan made from another desired state", async () => {
    const iam = await clientIn(handle, "iam", DEV);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN }));
    const planFile = path.join(dir, "other.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    const result = await orgctl(handle, "apply", planFile, "examples/3-cross-account-deploys", "--audit-log", auditFile());
    expect(result.stderr).toMatch(/^Error: the plan was made from a different desired state than examples\/3-cross-account-deploys .*; run plan again$/m);
    expect(result.code).toBe(1);
    iam.destroy();
  });

  it("refuses a hand-edited plan that changes the access role", async () => {
    const planFile = path.join(dir, "access.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as Plan;
    const change = plan.changes.find((c) => c.address === "development/iam/role/administrator")!;
    change.name = "OrganizationAccountAccessRole";
    change.address = "development/iam/role/OrganizationAccountAccessRole";
    (change.after as { name: string }).name = "OrganizationAccountAccessRole";
    writeFileSync(planFile, JSON.stringify(plan));

    const audit = auditFile();
    const result = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(result.stderr).toContain(
      "Error: refused: development/iam/role/OrganizationAccountAccessRole would update OrganizationAccountAccessRole, the role orgctl uses to reach accounts; nothing was applied",
    );
    expect(result.code).toBe(1);
    expect(readAudit(audit)).toEqual([]);
    const iam = await clientIn(handle, "iam", DEV);
    const role = await iam.send(new GetRoleCommand({ RoleName: "OrganizationAccountAccessRole" }));
    expect(role.Role?.Tags ?? []).toEqual([]);
    iam.destroy();
  });
});

describe("apply: prune", () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await start((s) => {
      s.iam = {
        accounts: {
          ...s.iam?.accounts,
          [DEV]: {
            roles: [
              { RoleName: "administrator-old", AssumeRolePolicyDocument: trust, ManagedPolicyArns: [ADMIN], InlinePolicies: { x: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] } }, Tags: [{ Key: "orgctl:managed", Value: resolveOwner(EXAMPLE, undefined) }] },
              { RoleName: "administrator-legacy", AssumeRolePolicyDocument: trust, ManagedPolicyArns: [ADMIN] },
            ],
          },
        },
      };
    });
  });
  afterAll(async () => handle?.stop());

  it("deletes the managed leftover and never touches an unmanaged role of the same pattern", async () => {
    const result = await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile());
    expect(result.stdout).toContain("development/iam/role/administrator-old (delete)");
    expect(result.stdout).not.toContain("administrator-legacy");
    expect(result.code).toBe(0);
    const iam = await clientIn(handle, "iam", DEV);
    await expect(iam.send(new GetRoleCommand({ RoleName: "administrator-old" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    const legacy = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "administrator-legacy" }));
    expect(legacy.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([ADMIN]);
    iam.destroy();
  });

  it("a hand-edited delete of an unmanaged role is refused before anything runs", async () => {
    const planFile = path.join(dir, "prune.json");
    const iam = await clientIn(handle, "iam", DEV);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN }));
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    const plan = JSON.parse(readFileSync(planFile, "utf8")) as Plan;
    const legacy = await iam.send(new GetRoleCommand({ RoleName: "administrator-legacy" }));
    const template = plan.changes.find((c) => c.address === "development/iam/role/administrator")!;
    // A delete the engine would never plan, with a `before` that matches the live role.
    const before = liveRole({
      name: "administrator-legacy",
      path: "/",
      arn: legacy.Role!.Arn!,
      assumeRolePolicy: trust,
      inlinePolicies: {},
      managedPolicies: [ADMIN],
      maxSessionDuration: 3600,
      tags: {},
      instanceProfiles: [],
    });
    plan.changes.push(handEdited({ ...template, address: "development/iam/role/administrator-legacy", name: "administrator-legacy", action: "delete", before, after: null, beforeHash: hashOf(before), dependsOn: [] }));
    // Even with the list's digest recomputed, the claim check refuses it.
    plan.claimed = claimedOf(plan.changes);
    writeFileSync(planFile, JSON.stringify(plan));

    const audit = auditFile();
    const result = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(result.stderr).toContain(
      "Error: the plan no longer matches the YAML and live state: development/iam/role/administrator-legacy is in the plan but the YAML and live state no longer need it; run plan again",
    );
    expect(result.code).toBe(1);
    expect(readAudit(audit)).toEqual([]);
    expect((await iam.send(new GetRoleCommand({ RoleName: "administrator-legacy" }))).Role).toBeDefined();
    iam.destroy();
  });
});

