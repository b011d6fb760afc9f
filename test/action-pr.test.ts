// The bundled action on pull_request events: one sticky plan comment per path, edited in
// place on every push, split across comments when too long, outputs and no secrets leaked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { startGitHubApi, type GitHubApiHandle } from "./helpers/github-api.js";
import { maskedValues, NODE24, runAction, type ActionRun } from "./helpers/action-runner.js";
import type { Snapshot } from "../src/emulator/index.js";

const OWNER = "acme";
const REPO = "landing-zone";
const PR = 7;
const TOKEN = "ghs_faketoken0123456789abcdefghijklmnopqrstuv";
const SECRET_CONTENT = "sk-live-appconfig-secret-4f9a8b7c6d5e";
const MGMT = "111111111111";
const DEV = "210987654321";

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Workloads" }],
    accounts: [
      { id: MGMT, name: "management", email: "aws+mgmt@example.com" },
      { id: DEV, name: "development", email: "aws+dev@example.com", unit: "Workloads" },
    ],
  },
};

const emulator = withEmulator({ snapshot });
let github: GitHubApiHandle;
let workspace: string;

beforeAll(async () => {
  github = await startGitHubApi(OWNER, REPO);
  // Other people's comments fill the first page, so the marker must be found on page two.
  for (let i = 0; i < 120; i++) github.comments.push({ id: 1 + i, issue: PR, body: `LGTM ${i}` });
  workspace = mkdtempSync(join(tmpdir(), "orgctl-ws-"));
});
afterAll(async () => {
  await github?.stop();
});

function yaml(roles: string, extra = ""): string {
  return [
    "organization:",
    `  managementAccount: "${MGMT}"`,
    "  accessRole: OrganizationAccountAccessRole",
    "  units: { Workloads: {} }",
    "accounts:",
    `  management: { id: "${MGMT}", email: aws+mgmt@example.com }`,
    `  development: { id: "${DEV}", email: aws+dev@example.com, unit: Workloads }`,
    "roles:",
    roles,
    extra,
  ].join("\n");
}

const role = (name: string) => `  - { name: ${name}, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess] }`;

const sensitiveApp = [
  "appconfig:",
  "  Payments:",
  "    account: development",
  "    region: eu-west-1",
  "    environments: [dev]",
  "    profiles:",
  "      Keys:",
  "        versions:",
  `          v1: { content: { apiKey: "${SECRET_CONTENT}" }, sensitive: true }`,
].join("\n");

function writeConfig(path: string, text: string): void {
  mkdirSync(join(workspace, path), { recursive: true });
  writeFileSync(join(workspace, path, "orgctl.yaml"), text);
}

function pullRequest(path: string, headSha: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace,
    event: "pull_request",
    payload: { action: "synchronize", number: PR, pull_request: { number: PR, head: { sha: headSha } }, repository: { default_branch: "main" } },
    inputs: { path, "github-token": TOKEN, ...inputs },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
  });
}

const commentsPath = `/repos/${OWNER}/${REPO}/issues/${PR}/comments`;

function expectNoSecrets(run: ActionRun): void {
  const secretKey = emulator().credentials.secretAccessKey;
  for (const secret of [TOKEN, secretKey, SECRET_CONTENT]) {
    expect(run.visible).not.toContain(secret);
    for (const call of github.calls) expect(JSON.stringify(call.body ?? {})).not.toContain(secret);
  }
  expect(maskedValues(run)).toEqual(expect.arrayContaining([TOKEN, secretKey]));
}

describe("action on pull_request", () => {
  it("runs the bundle under Node 24, the runtime action.yml names", () => {
    expect(execFileSync(NODE24, ["--version"], { encoding: "utf8" })).toMatch(/^v24\./);
  });

  it("creates one comment for a path, then edits that same comment on the next push", async () => {
    writeConfig("envs/a", yaml(role("auditor"), sensitiveApp));
    const first = await pullRequest("envs/a", "aaaaaaa1111111111111111111111111111111111");
    expect(first.stderr).toBe("");
    expect(first.code, first.stdout).toBe(0);

    const reads = github.calls.filter((c) => c.method === "GET");
    expect(reads.map((c) => [c.path, c.query.page ?? "1"])).toEqual([
      [commentsPath, "1"],
      [commentsPath, "2"],
    ]);
    expect(reads.every((c) => c.authorization === `token ${TOKEN}`)).toBe(true);
    const writes = github.writes();
    expect(writes.map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${commentsPath}`]);
    const body = String(writes[0]!.body!.body);
    expect(body.split("\n")[0]).toBe("<!-- orgctl-plan:envs/a -->");
    expect(body).toContain("Configuration `envs/a` at aaaaaaa");
    expect(body).toContain("| Account | create | update | replace | delete | deploy | adopt |");
    expect(body).toMatch(/\| development \| 5 \| 0 \| 0 \| 0 \| 0 \| 0 \|/);
    expect(body).toContain("development/iam/role/auditor");
    expect(body).toContain("(sensitive)");

    expect(first.outputs["has-changes"]).toBe("true");
    expect(first.outputs.summary).toBe("5 to create (development: 5 to create)");
    const plan = JSON.parse(readFileSync(first.outputs["plan-json"]!, "utf8")) as { changes: { address: string }[] };
    expect(plan.changes.map((c) => c.address)).toContain("development/iam/role/auditor");
    expect(first.summary).toContain("## orgctl plan");
    expect(first.summary).toContain("development/iam/role/auditor");
    expectNoSecrets(first);
    // The runner masks line by line: the sensitive line itself is registered.
    expect(maskedValues(first)).toContain(`"apiKey": "${SECRET_CONTENT}"`);
    const id = github.comments.find((c) => c.body.startsWith("<!-- orgctl-plan:envs/a -->"))!.id;

    github.calls.length = 0;
    writeConfig("envs/a", yaml([role("auditor"), role("deployer")].join("\n")));
    const second = await pullRequest("envs/a", "bbbbbbb2222222222222222222222222222222222");
    expect(second.code, second.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${id}`]);
    const updated = github.comments.find((c) => c.id === id)!.body;
    expect(updated).toContain("at bbbbbbb");
    expect(updated).toContain("development/iam/role/deployer");
    expect(github.comments.filter((c) => c.body.includes("orgctl-plan"))).toHaveLength(1);
    expectNoSecrets(second);
  });

  it("gives a second path its own comment", async () => {
    github.calls.length = 0;
    writeConfig("envs/b", yaml(role("operator")));
    const run = await pullRequest("envs/b", "ccccccc3333333333333333333333333333333333");
    expect(run.code, run.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${commentsPath}`]);
    const markers = github.comments.filter((c) => c.body.startsWith("<!-- orgctl-plan:")).map((c) => c.body.split("\n")[0]);
    expect(markers).toEqual(["<!-- orgctl-plan:envs/a -->", "<!-- orgctl-plan:envs/b -->"]);
  });

  it("leaves the pull request alone with comment: off, still writing outputs and the job summary; path is relative to working-directory", async () => {
    github.calls.length = 0;
    const run = await pullRequest("b", "ddddddd4444444444444444444444444444444444", { comment: "off", "working-directory": "envs" });
    expect(run.code, run.stdout).toBe(0);
    expect(github.calls).toEqual([]);
    expect(run.outputs["has-changes"]).toBe("true");
    expect(run.summary).toContain("Configuration `b` at ddddddd");
    expect(run.summary).toContain("development/iam/role/operator");
  });

  it("splits a plan over 65,536 characters into balanced comments, then shrinks back to one", async () => {
    const roles = Array.from({ length: 45 }, (_, i) => bigRole(`bulk-${String(i).padStart(2, "0")}`)).join("\n");
    writeConfig("envs/big", yaml(roles));
    github.calls.length = 0;
    const run = await pullRequest("envs/big", "eeeeeee5555555555555555555555555555555555");
    expect(run.code, run.stdout).toBe(0);
    const posts = github.writes();
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.every((c) => c.method === "POST" && c.path === commentsPath)).toBe(true);
    const bodies = posts.map((c) => String(c.body!.body));
    bodies.forEach((body, i) => {
      expect(body.length).toBeLessThanOrEqual(65_536);
      expect(body.split("\n")[0]).toBe("<!-- orgctl-plan:envs/big -->");
      expect(body).toContain(`part ${i + 1} of ${bodies.length}`);
      expect(body).toContain("[job summary](https://github.com/acme/landing-zone/actions/runs/4242)");
      expect(body).toContain(run.outputs["plan-json"]!);
      expectBalanced(body);
    });
    // Every role of the plan is in one of the parts, and the job summary has all of it.
    for (let i = 0; i < 45; i++) expect(bodies.join("\n")).toContain(`development/iam/role/bulk-${String(i).padStart(2, "0")}`);
    expect(run.summary).toContain("development/iam/role/bulk-44");

    const ids = github.comments.filter((c) => c.body.startsWith("<!-- orgctl-plan:envs/big -->")).map((c) => c.id);
    github.calls.length = 0;
    writeConfig("envs/big", yaml(role("just-one")));
    const small = await pullRequest("envs/big", "fffffff6666666666666666666666666666666666");
    expect(small.code, small.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${ids[0]}`,
      ...ids.slice(1).map((id) => `DELETE /repos/${OWNER}/${REPO}/issues/comments/${id}`),
    ]);
  });

  it("fails with an annotation pointing at the YAML when the desired state is invalid", async () => {
    writeConfig("envs/bad", "accounts:\n  dev: { email: 42 }\n");
    github.calls.length = 0;
    const run = await pullRequest("envs/bad", "1234567000000000000000000000000000000000");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error file=envs\/bad\/orgctl\.yaml,line=2,/);
    expect(run.stdout).toMatch(/::error::invalid desired state in envs\/bad: 1 error/);
    expect(github.calls).toEqual([]);
  });
});

/** A role whose inline policy renders as a long diff (about 2,000 characters). */
function bigRole(name: string): string {
  const actions = Array.from({ length: 40 }, (_, i) => `s3:GetObjectVersionTagging${i}`);
  return `  - { name: ${name}, in: { accounts: [development] }, trust: { accounts: [management] }, inlinePolicies: { read: { Version: "2012-10-17", Statement: [ { Effect: Allow, Action: [${actions.join(", ")}], Resource: "*" } ] } } }`;
}

/** Every <details> closed and every code fence closed, in order. */
function expectBalanced(body: string): void {
  let details = 0;
  let fence: string | undefined;
  for (const line of body.split("\n")) {
    if (fence) {
      if (line === fence) fence = undefined;
      continue;
    }
    const open = /^(`{3,})/.exec(line);
    if (open) fence = open[1];
    else if (line.startsWith("<details")) details++;
    else if (line.startsWith("</details>")) details--;
    expect(details).toBeGreaterThanOrEqual(0);
  }
  expect(fence).toBeUndefined();
  expect(details).toBe(0);
}
