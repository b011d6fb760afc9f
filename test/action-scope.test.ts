// Pull request plans read only what the pull request changed (since its base commit) and
// say what was not read; without the base commit in the checkout they read everything
// and say why; drift runs always read everything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { startGitHubApi, type GitHubApiHandle } from "./helpers/github-api.js";
import { runAction, type ActionRun } from "./helpers/action-runner.js";
import type { Snapshot } from "../src/emulator/index.js";

const MGMT = "111111111111";
const DEV = "210987654321";
const PROD = "310987654321";
const TOKEN = "ghs_scopetoken0123456789abcdefghijklmnopq";

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    accounts: [
      { id: MGMT, name: "management", email: "aws+mgmt@example.com" },
      { id: DEV, name: "development", email: "aws+dev@example.com" },
      { id: PROD, name: "production", email: "aws+prod@example.com" },
    ],
  },
};

const emulator = withEmulator({ snapshot });
let github: GitHubApiHandle;
let workspace: string;
let base: string;

function yaml(...roles: string[]): string {
  return [
    "organization:",
    `  managementAccount: "${MGMT}"`,
    "  accessRole: OrganizationAccountAccessRole",
    "accounts:",
    `  management: { id: "${MGMT}", email: aws+mgmt@example.com }`,
    `  development: { id: "${DEV}", email: aws+dev@example.com }`,
    `  production: { id: "${PROD}", email: aws+prod@example.com }`,
    "roles:",
    ...roles.map((r) => `  - ${r}`),
  ].join("\n");
}

const role = (name: string, account: string) => `{ name: ${name}, in: { accounts: [${account}] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess] }`;
const git = (...args: string[]) => execFileSync("git", ["-c", "user.email=ci@example.com", "-c", "user.name=ci", ...args], { cwd: workspace, encoding: "utf8" }).trim();

beforeAll(async () => {
  github = await startGitHubApi("acme", "landing-zone");
  workspace = mkdtempSync(join(tmpdir(), "orgctl-scope-"));
  mkdirSync(join(workspace, "org"));
  git("init", "-q", "-b", "main");
  writeFileSync(join(workspace, "org", "orgctl.yaml"), yaml(role("auditor", "development")));
  git("add", ".");
  git("commit", "-q", "-m", "base");
  base = git("rev-parse", "HEAD");
  // The pull request adds a role in production only; development has drift nobody asked about.
  writeFileSync(join(workspace, "org", "orgctl.yaml"), yaml(role("auditor", "development"), role("deployer", "production")));
  git("commit", "-q", "-am", "add deployer");
});
afterAll(async () => {
  await github?.stop();
});

function pullRequest(baseSha: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  github.calls.length = 0;
  return runAction({
    workspace,
    event: "pull_request",
    payload: { number: 21, pull_request: { number: 21, head: { sha: "d".repeat(40) }, base: { sha: baseSha } }, repository: { default_branch: "main" } },
    inputs: { path: "org", "github-token": TOKEN, ...inputs },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
  });
}

const comment = () => String(github.writes().at(-1)!.body!.body);

describe("pull request plan scope", () => {
  it("reads only the accounts the pull request changed, and names the ones it did not read", async () => {
    const run = await pullRequest(base);
    expect(run.code, run.stdout).toBe(0);
    expect(comment()).toContain(
      `> Scoped to what changed (changed since ${base}): read 1 account(s). Not read: 2 account(s) whose YAML did not change (management, development); drift there is not shown (the scheduled drift check reads everything).`,
    );
    expect(comment()).toContain("production/iam/role/deployer");
    expect(comment()).not.toContain("development/iam/role/auditor");
  });

  it("reads everything with plan-scope: full", async () => {
    const run = await pullRequest(base, { "plan-scope": "full" });
    expect(run.code, run.stdout).toBe(0);
    expect(comment()).not.toContain("Scoped to what changed");
    expect(comment()).toContain("development/iam/role/auditor");
  });

  it("reads everything, and warns why, when the base commit is not in the checkout", async () => {
    const missing = "0".repeat(40);
    const run = await pullRequest(missing);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain(`::warning::planning everything: cannot compare with the base commit 0000000`);
    expect(comment()).not.toContain("Scoped to what changed");
    expect(comment()).toContain("development/iam/role/auditor");
  });

  it("drift reads everything whatever plan-scope says", async () => {
    const run = await runAction({
      workspace,
      event: "schedule",
      payload: { repository: { default_branch: "main" } },
      inputs: { path: "org", "github-token": TOKEN, "fail-on-drift": "false" },
      env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.summary).toContain("development/iam/role/auditor");
    expect(run.summary).toContain("production/iam/role/deployer");
    expect(run.summary).not.toContain("Scoped plan");
  });
});
