// The bundled action on push: the default branch applies (fresh plan, then apply) with the
// result in the job summary and a failed job when anything fails; other branches only plan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetRoleCommand, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { startGitHubApi, type GitHubApiHandle } from "./helpers/github-api.js";
import { runAction, type ActionRun } from "./helpers/action-runner.js";
import { clientIn } from "./helpers/example-sandbox.js";
import type { Snapshot } from "../src/emulator/index.js";

const MGMT = "111111111111";
const DEV = "210987654321";
const TOKEN = "ghs_applytoken0123456789abcdefghijklmnopq";

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    accounts: [
      { id: MGMT, name: "management", email: "aws+mgmt@example.com" },
      { id: DEV, name: "development", email: "aws+dev@example.com" },
    ],
  },
};

const emulator = withEmulator({ snapshot });
let github: GitHubApiHandle;
let workspace: string;

beforeAll(async () => {
  github = await startGitHubApi("acme", "landing-zone");
  workspace = mkdtempSync(join(tmpdir(), "orgctl-apply-"));
  mkdirSync(join(workspace, "org"));
});
afterAll(async () => {
  await github?.stop();
});

function writeRoles(...roles: string[]): void {
  writeFileSync(
    join(workspace, "org", "orgctl.yaml"),
    [
      "organization:",
      `  managementAccount: "${MGMT}"`,
      "  accessRole: OrganizationAccountAccessRole",
      "accounts:",
      `  management: { id: "${MGMT}", email: aws+mgmt@example.com }`,
      `  development: { id: "${DEV}", email: aws+dev@example.com }`,
      "roles:",
      ...roles.map((r) => `  - ${r}`),
    ].join("\n"),
  );
}

function push(branch: string): Promise<ActionRun> {
  github.calls.length = 0;
  return runAction({
    workspace,
    event: "push",
    ref: `refs/heads/${branch}`,
    payload: { ref: `refs/heads/${branch}`, after: "9".repeat(40), repository: { default_branch: "main" } },
    inputs: { path: "org", "github-token": TOKEN, "working-directory": "." },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
  });
}

/** IAM client in the development account, through the access role. */
const devIam = () => clientIn(emulator(), "iam", DEV);

const auditor = "{ name: auditor, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess] }";

describe("action on push", () => {
  it("only plans on a branch other than the default one", async () => {
    writeRoles(auditor);
    const run = await push("feature/x");
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("orgctl plan for org");
    expect(run.outputs["has-changes"]).toBe("true");
    expect(run.summary).not.toContain("### Apply");
    const iam = await devIam();
    await expect(iam.send(new GetRoleCommand({ RoleName: "auditor" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    iam.destroy();
    expect(github.calls).toEqual([]);
  });

  it("applies on the default branch, then finds nothing to apply", async () => {
    const run = await push("main");
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("orgctl apply for org");
    expect(run.summary).toContain("Apply complete: 1 change(s) applied.");
    expect(run.summary).toContain("| ✅ applied | `development/iam/role/auditor` | create | |");
    expect(run.outputs["has-changes"]).toBe("true");
    const iam = await devIam();
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "auditor" }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    iam.destroy();

    const again = await push("main");
    expect(again.code, again.stdout).toBe(0);
    expect(again.summary).toContain("Nothing to apply.");
    expect(again.outputs["has-changes"]).toBe("false");
    expect(github.calls).toEqual([]);
    for (const r of [run, again]) expect(r.visible).not.toContain(emulator().credentials.secretAccessKey);
  });

  it("fails the job and says what failed when an operation fails", async () => {
    writeRoles(auditor, `{ name: broken, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: ["arn:aws:iam::${DEV}:policy/does-not-exist"] }`);
    const run = await push("main");
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toMatch(/::error::apply incomplete: 1 failed, 0 not attempted/);
    expect(run.summary).toMatch(/\| ❌ failed \| `development\/iam\/role\/broken` \| create \| .*NoSuchEntity/);
    expect(run.summary).toContain("Apply incomplete: 0 applied, 1 failed, 0 not attempted.");
  });

  it("refuses an event it has no default command for, before touching AWS or GitHub", async () => {
    const before = emulator().world.calls.length;
    github.calls.length = 0;
    const run = await runAction({
      workspace,
      event: "workflow_dispatch",
      payload: { repository: { default_branch: "main" } },
      inputs: { path: "org", "github-token": TOKEN },
      env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::no default command for the "workflow_dispatch" event: set the command input (plan, apply or drift)');
    expect(emulator().world.calls.length).toBe(before);
    expect(github.calls).toEqual([]);
  });
});
