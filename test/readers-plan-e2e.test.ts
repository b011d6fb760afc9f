import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { clientIn } from "./helpers/example-sandbox.js";
import type { Plan } from "../src/engine/types.js";
import type { RoleResource } from "../src/kinds/iam/role/resource.js";
import type { Snapshot } from "../src/emulator/index.js";

const run = promisify(execFile);
const MGMT = "111111111111";
const DEV = "210987654321";
const PROD = "321098765432";

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Workloads", tags: { owner: "platform" } }, { path: "Workloads/Dev" }, { path: "Workloads/Prod" }],
    accounts: [
      { id: MGMT, name: "Management", email: "aws+mgmt@example.com" },
      { id: DEV, name: "development", email: "aws+development@example.com", unit: "Workloads/Dev", tags: { env: "dev" } },
      { id: PROD, name: "production", email: "aws+production@example.com", unit: "Workloads/Prod", tags: { env: "prod" } },
    ],
  },
};

const emulator = withEmulator({ snapshot });

async function plan(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return orgctl("plan", "examples/4-multi-account-landing", ...args);
}

async function orgctl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(emulator()), NO_COLOR: "1" };
  delete env.GITHUB_SHA;
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/orgctl.mjs", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** IAM client in a member account, through the same access role orgctl uses. */
const iamIn = (accountId: string) => clientIn(emulator(), "iam", accountId);

/** Creates a role exactly as the plan's `after` describes it (a stand-in for apply). */
async function createRole(iam: IAMClient, role: RoleResource): Promise<void> {
  await iam.send(
    new CreateRoleCommand({
      RoleName: role.name,
      Path: role.path,
      AssumeRolePolicyDocument: JSON.stringify(role.assumeRolePolicy),
      Description: role.description || undefined,
      MaxSessionDuration: role.maxSessionDuration,
      Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  for (const arn of role.managedPolicies) await iam.send(new AttachRolePolicyCommand({ RoleName: role.name, PolicyArn: arn }));
  for (const [name, doc] of Object.entries(role.inlinePolicies)) {
    await iam.send(new PutRolePolicyCommand({ RoleName: role.name, PolicyName: name, PolicyDocument: JSON.stringify(doc) }));
  }
}

describe("orgctl plan against the emulator", () => {
  it("plans the missing roles, then nothing once they exist, then the drift made behind its back", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "orgctl-plan-")), "plan.json");
    const first = await plan("--out", out);
    expect(first.code).toBe(2);
    const saved = JSON.parse(readFileSync(out, "utf8")) as Plan;
    const summary = (p: Plan) => p.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`);
    expect(summary(saved)).toEqual([
      "create development/iam/role/administrator",
      "create development/iam/role/read-only",
      "create production/iam/role/administrator",
      "create production/iam/role/read-only",
    ]);
    expect(first.stdout).toContain("Plan: 4 to create.");
    expect(saved.apiCalls["iam:GetAccountAuthorizationDetails"]).toBe(3);

    const iam: Record<string, IAMClient> = { [DEV]: await iamIn(DEV), [PROD]: await iamIn(PROD) };
    for (const change of saved.changes) await createRole(iam[change.accountId!]!, change.after as RoleResource);
    const settled = await plan("--format", "json");
    expect(settled.code).toBe(0);
    expect(summary(JSON.parse(settled.stdout) as Plan)).toEqual([]);

    // Someone adds an inline policy to the development administrator role by hand.
    const backdoor = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    await iam[DEV]!.send(new PutRolePolicyCommand({ RoleName: "administrator", PolicyName: "backdoor", PolicyDocument: JSON.stringify(backdoor) }));
    const drifted = await plan("--format", "json");
    expect(drifted.code).toBe(2);
    const drift = JSON.parse(drifted.stdout) as Plan;
    expect(summary(drift)).toEqual(["update development/iam/role/administrator"]);
    expect(drift.changes.find((c) => c.action === "update")!.patch).toEqual([{ op: "remove", path: "/inlinePolicies/backdoor" }]);
    for (const client of Object.values(iam)) client.destroy();
  });

  it("still prints the plan for the readable accounts when one cannot be read, and exits 1", async () => {
    const prod = await iamIn(PROD);
    const elsewhere = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }] };
    await prod.send(new UpdateAssumeRolePolicyCommand({ RoleName: "OrganizationAccountAccessRole", PolicyDocument: JSON.stringify(elsewhere) }));
    prod.destroy();
    const result = await plan();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/production \(321098765432\): cannot assume arn:aws:iam::321098765432:role\/OrganizationAccountAccessRole: AccessDenied/);
    expect(result.stdout).toContain("Accounts not read:");
    // The development account is still planned: the backdoor policy left by the previous test.
    expect(result.stdout).toContain("development/iam/role/administrator");
    expect(result.stdout + result.stderr).not.toContain(emulator().credentials.secretAccessKey);
  });

  it("exits 1 without calling AWS when the desired state is invalid", async () => {
    const before = emulator().world.calls.length;
    const dir = mkdtempSync(join(tmpdir(), "orgctl-invalid-"));
    writeFileSync(join(dir, "orgctl.yaml"), "accounts:\n  dev: { email: 42 }\n");
    const result = await orgctl("plan", dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: invalid desired state/m);
    expect(emulator().world.calls.length).toBe(before);
  });
});
