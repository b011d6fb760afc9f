// A saved plan is a claim, not a script: each hand edit the issue tracker reproduced
// against the first landing (each of which was applied, exit 0) is refused whole, with
// nothing written, because apply derives the changes again and compares.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AttachRolePolicyCommand, DetachRolePolicyCommand, GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { sha256Hex } from "../src/engine/canonical.js";
import { claimedOf } from "../src/engine/claimed.js";
import type { Change, Plan } from "../src/engine/types.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";
import { handEdited } from "./fixtures/hand-edited.js";

const EXAMPLE = "examples/4-multi-account-landing";
const DEV = "210987654321";
const PROD = "321098765432";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-apply-claim-"));

let handle: EmulatorHandle;
let iam: IAMClient;
let accessTrust: string;

beforeAll(async () => {
  const loaded = await loadDesiredState(EXAMPLE);
  handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
  expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
  iam = await clientIn(handle, "iam", DEV);
  accessTrust = (await iam.send(new GetRoleCommand({ RoleName: "OrganizationAccountAccessRole" }))).Role!.AssumeRolePolicyDocument!;
});
afterAll(async () => {
  iam?.destroy();
  await handle?.stop();
});

/** A fresh saved plan with one real change: the administrator role lost its policy. */
async function savedPlan(name: string): Promise<{ file: string; plan: Plan; template: Change }> {
  await iam.send(new DetachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN })).catch(() => undefined);
  const file = path.join(dir, `${name}.json`);
  expect((await orgctl(handle, "plan", EXAMPLE, "--out", file)).code).toBe(2);
  const plan = JSON.parse(readFileSync(file, "utf8")) as Plan;
  return { file, plan, template: plan.changes.find((c) => c.address === "development/iam/role/administrator")! };
}

async function applyEdited(file: string, plan: Plan) {
  writeFileSync(file, JSON.stringify(plan));
  const audit = auditFile();
  const result = await orgctl(handle, "apply", file, "--audit-log", audit);
  return { ...result, audit: readAudit(audit) };
}

describe("apply refuses a hand-edited saved plan", () => {
  beforeEach(async () => {
    // Whatever a case did, the access role must be untouched.
    return async () => {
      const now = (await iam.send(new GetRoleCommand({ RoleName: "OrganizationAccountAccessRole" }))).Role!.AssumeRolePolicyDocument;
      expect(now).toBe(accessTrust);
    };
  });

  it("an added adopt of the access role under another name", async () => {
    const { file, plan, template } = await savedPlan("adopt");
    const after = { ...template.after, name: "OrganizationAccountAccessRole", assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] } };
    plan.changes.push(handEdited({ ...template, address: "development/iam/role/x", name: "x", action: "adopt", after }));
    const result = await applyEdited(file, plan);
    expect(result.stderr).toContain("Error: refused: development/iam/role/x would adopt OrganizationAccountAccessRole, the role orgctl uses to reach accounts; nothing was applied");
    expect(result.code).toBe(1);
    expect(result.audit).toEqual([]);
  });

  it("the same as a role-trust change, and with the access role's name in lower case", async () => {
    const { file, plan, template } = await savedPlan("trust");
    const after = { name: "organizationaccountaccessrole", assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] } };
    plan.changes.push(handEdited({ ...template, address: "development/iam/role-trust/y", type: "role-trust", name: "y", action: "update", after, before: null, beforeHash: sha256Hex("null") }));
    const result = await applyEdited(file, plan);
    expect(result.stderr).toContain("Error: refused: development/iam/role-trust/y would update organizationaccountaccessrole, the role orgctl uses to reach accounts; nothing was applied");
    expect(result.code).toBe(1);
    expect(result.audit).toEqual([]);
  });

  it("an invented change whose beforeHash is sha256(\"null\")", async () => {
    const { file, plan, template } = await savedPlan("null-hash");
    plan.changes.push(handEdited({ ...template, address: "development/iam/role/intruder", name: "intruder", action: "create", before: null, beforeHash: sha256Hex("null"), after: { ...template.after, name: "intruder" } }));
    // A forger who also recomputes the list's digest still meets the claim check.
    plan.claimed = claimedOf(plan.changes);
    const result = await applyEdited(file, plan);
    expect(result.stderr).toContain(
      "Error: the plan no longer matches the YAML and live state: development/iam/role/intruder is in the plan but the YAML and live state no longer need it; run plan again",
    );
    expect(result.code).toBe(1);
    expect(result.audit).toEqual([]);
    await expect(iam.send(new GetRoleCommand({ RoleName: "intruder" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });

  it("a planned update whose trust was widened to Principal AWS *", async () => {
    const { file, plan, template } = await savedPlan("widen");
    const before = (await iam.send(new GetRoleCommand({ RoleName: "administrator" }))).Role!.AssumeRolePolicyDocument;
    (template.after as { assumeRolePolicy: unknown }).assumeRolePolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] };
    const result = await applyEdited(file, plan);
    expect(result.stderr).toContain(
      "Error: the plan no longer matches the YAML and live state: development/iam/role/administrator does not match what the YAML says (after differs: was the plan edited?); run plan again",
    );
    expect(result.code).toBe(1);
    expect(result.audit).toEqual([]);
    expect((await iam.send(new GetRoleCommand({ RoleName: "administrator" }))).Role!.AssumeRolePolicyDocument).toBe(before);
  });

  it("an access role edited in the plan file (to unprotect the real one)", async () => {
    const { file, plan, template } = await savedPlan("access-role");
    plan.accessRole = "SomethingElse";
    plan.changes.push({ ...template, address: "management/iam/role/OrganizationAccountAccessRole", account: "management", accountId: "111111111111", name: "OrganizationAccountAccessRole", action: "create", before: null });
    const result = await applyEdited(file, plan);
    expect(result.stderr).toBe("Error: the plan names SomethingElse as the access role, but the YAML says OrganizationAccountAccessRole: run plan again; nothing was applied\n");
    expect(result.code).toBe(1);
    expect(result.audit).toEqual([]);
  });

  it("a change taken out by hand (the only one of its account) is refused: the plan's list is not the one plan wrote", async () => {
    const prod = await clientIn(handle, "iam", PROD);
    await prod.send(new DetachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN })).catch(() => undefined);
    const { file, plan } = await savedPlan("omitted");
    expect(plan.changes.map((c) => c.address).sort()).toEqual(["development/iam/role/administrator", "production/iam/role/administrator"]);
    plan.changes = plan.changes.filter((c) => c.account !== "production");
    plan.accounts = plan.accounts.filter((a) => a.key !== "production");
    const result = await applyEdited(file, plan);
    expect(result.stderr).toBe(
      "Error: the plan's changes are not the ones orgctl plan wrote (a change was added or taken out by hand: it lists 1, plan wrote 2): run plan again; nothing was applied\n",
    );
    expect(result.code).toBe(1);
    expect(result.audit).toEqual([]);
    await prod.send(new AttachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN }));
    prod.destroy();
  });

  it("the unedited plan still applies, and re-plans to zero", async () => {
    const { file } = await savedPlan("clean");
    const audit = auditFile();
    const result = await orgctl(handle, "apply", file, "--audit-log", audit);
    expect(result.code).toBe(0);
    expect(readAudit(audit).map((l) => [l.address, l.result])).toEqual([["development/iam/role/administrator", "applied"]]);
    expect((await orgctl(handle, "plan", EXAMPLE)).code).toBe(0);
  });
});
