// The bundled action on pull_request events: one sticky plan comment per configuration
// (working directory + path), written and edited only as the Action's own identity, edited
// in place on every push (a failed plan replaces it with the error), split across comments
// when too long, outputs and no secrets leaked; missing permissions named, 5xx and secondary
// rate limits retried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { notAccessible, startGitHubApi, type GitHubApiHandle } from "./helpers/github-api.js";
import { maskedValues, NODE24, runAction, type ActionRun } from "./helpers/action-runner.js";
import type { Snapshot } from "../src/emulator/index.js";

const OWNER = "acme";
const REPO = "landing-zone";
const PR = 7;
const TOKEN = "ghs_faketoken0123456789abcdefghijklmnopqrstuv";
const PAT = "ghp_personaltoken0123456789abcdefghijklmnop";
const APP_TOKEN = "ghs_apptoken0123456789abcdefghijklmnopqrstu";
/** What the loader reports for `dev: { email: 42 }` on line 2. */
const DIAGNOSTIC = "envs/bad/orgctl.yaml:2:17: accounts.dev.email: must be a string";
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
  github = await startGitHubApi(OWNER, REPO, { [PAT]: "release-bot", [APP_TOKEN]: "orgctl-app[bot]" });
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

function pullRequest(path: string, headSha: string, inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    workspace,
    event: "pull_request",
    payload: { action: "synchronize", number: PR, pull_request: { number: PR, head: { sha: headSha } }, repository: { default_branch: "main" } },
    inputs: { path, "github-token": TOKEN, "plan-scope": "full", ...inputs },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url, ...env },
  });
}

const commentsPath = `/repos/${OWNER}/${REPO}/issues/${PR}/comments`;
const commentPath = (id: number) => `/repos/${OWNER}/${REPO}/issues/comments/${id}`;
const RUN_URL = `https://github.com/${OWNER}/${REPO}/actions/runs/4242`;

/** The marker a successful plan run writes, checked against the saved plan file itself. */
function expectedMarker(run: ActionRun, dir: string, path: string, commit: string): string {
  const saved = readFileSync(run.outputs["plan-file"]!, "utf8");
  const digest = createHash("sha256").update(saved).digest("hex");
  expect(run.outputs["plan-sha256"]).toBe(digest);
  return `<!-- orgctl-plan dir="${dir}" path="${path}" commit="${commit}" run="4242" artifact="${run.outputs["artifact-name"]}" plan-sha256="${digest}" -->`;
}

const ownPlanComments = (path: string) => github.comments.filter((c) => c.body.includes(` path="${path}" `));

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
    expect(first.outputs["artifact-name"]).toMatch(/^orgctl-plan-envs_a-[0-9a-f]{8}$/);
    expect(body.split("\n")[0]).toBe(expectedMarker(first, ".", "envs/a", "aaaaaaa1111111111111111111111111111111111"));
    expect(body.split("\n").slice(1, 4)).toEqual([
      `[Workflow run](${RUN_URL}) · reviewed plan: artifact \`${first.outputs["artifact-name"]}\` (sha256 \`${first.outputs["plan-sha256"]!.slice(0, 12)}\`)`,
      "",
      "**On merge:** orgctl applies exactly this plan at aaaaaaa. If the merged YAML or live AWS state differs from it by then, nothing is applied and a comment here says why.",
    ]);
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
    // Not even the saved plan (the artifact merge applies) holds it: apply takes it from the YAML.
    expect(readFileSync(first.outputs["plan-file"]!, "utf8")).not.toContain(SECRET_CONTENT);
    expect(first.outputs["plan-file"]).not.toBe(first.outputs["plan-json"]);
    const id = ownPlanComments("envs/a")[0]!.id;

    github.calls.length = 0;
    writeConfig("envs/a", yaml([role("auditor"), role("deployer")].join("\n")));
    const second = await pullRequest("envs/a", "bbbbbbb2222222222222222222222222222222222");
    expect(second.code, second.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${id}`]);
    const updated = github.comments.find((c) => c.id === id)!.body;
    expect(updated).toContain("at bbbbbbb");
    expect(updated).toContain("development/iam/role/deployer");
    expect(github.comments.filter((c) => c.body.includes("orgctl-plan"))).toHaveLength(1);
    expect(updated.split("\n")[0]).toBe(expectedMarker(second, ".", "envs/a", "bbbbbbb2222222222222222222222222222222222"));
    expectNoSecrets(second);
  });

  it("gives a second path its own comment", async () => {
    github.calls.length = 0;
    writeConfig("envs/b", yaml(role("operator")));
    const run = await pullRequest("envs/b", "ccccccc3333333333333333333333333333333333");
    expect(run.code, run.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${commentsPath}`]);
    const paths = github.comments.filter((c) => c.body.startsWith("<!-- orgctl-plan ")).map((c) => /path="([^"]*)"/.exec(c.body)![1]);
    expect(paths).toEqual(["envs/a", "envs/b"]);
  });

  it("leaves the pull request alone with comment: off, still writing outputs and the job summary; path is relative to working-directory", async () => {
    github.calls.length = 0;
    const run = await pullRequest("b", "ddddddd4444444444444444444444444444444444", { comment: "off", "working-directory": "envs" });
    expect(run.code, run.stdout).toBe(0);
    expect(github.calls).toEqual([]);
    expect(run.outputs["has-changes"]).toBe("true");
    expect(run.summary).toContain("Configuration `envs/b` at ddddddd");
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
      expect(body.split("\n")[0]).toBe(expectedMarker(run, ".", "envs/big", "eeeeeee5555555555555555555555555555555555"));
      expect(body).toContain(`part ${i + 1} of ${bodies.length}`);
      expect(body).toContain(`Full plan: the run's [job summary](${RUN_URL}) and its artifact [\`${run.outputs["artifact-name"]}\`](${RUN_URL}#artifacts).`);
      expectBalanced(body);
    });
    // Every role of the plan is in one of the parts, and the job summary has all of it.
    for (let i = 0; i < 45; i++) expect(bodies.join("\n")).toContain(`development/iam/role/bulk-${String(i).padStart(2, "0")}`);
    expect(run.summary).toContain("development/iam/role/bulk-44");

    const ids = ownPlanComments("envs/big").map((c) => c.id);
    github.calls.length = 0;
    writeConfig("envs/big", yaml(role("just-one")));
    const small = await pullRequest("envs/big", "fffffff6666666666666666666666666666666666");
    expect(small.code, small.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${ids[0]}`,
      ...ids.slice(1).map((id) => `DELETE /repos/${OWNER}/${REPO}/issues/comments/${id}`),
    ]);
  });

  it("replaces the plan with the error when a push makes the YAML invalid, then shows the plan again once fixed", async () => {
    writeConfig("envs/bad", yaml(role("auditor")));
    const ok = await pullRequest("envs/bad", "1111111000000000000000000000000000000000");
    expect(ok.code, ok.stdout).toBe(0);
    const id = ownPlanComments("envs/bad")[0]!.id;

    writeConfig("envs/bad", "accounts:\n  dev: { email: 42 }\n");
    github.calls.length = 0;
    const run = await pullRequest("envs/bad", "2222222000000000000000000000000000000000");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error file=envs\/bad\/orgctl\.yaml,line=2,/);
    expect(run.stdout).toMatch(/::error::invalid desired state in envs\/bad: 1 error/);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(id)}`]);
    const failure = [
      "### ❌ orgctl plan failed for `envs/bad` at 2222222",
      "",
      `There is no plan for this commit to review: merging it now applies nothing (apply needs a reviewed plan for the merged commit). Fix the error and push again. [Workflow run](${RUN_URL})`,
      "",
      "```text",
      "invalid desired state in envs/bad: 1 error(s)",
      DIAGNOSTIC,
      "```",
    ].join("\n");
    expect(github.writes()[0]!.body!.body).toBe(`<!-- orgctl-plan dir="." path="envs/bad" commit="2222222000000000000000000000000000000000" status="failed" -->\n${failure}`);
    expect(run.summary).toBe(failure + "\n");
    expect(run.outputs["plan-file"]).toBeUndefined();

    writeConfig("envs/bad", yaml(role("auditor")));
    github.calls.length = 0;
    const fixed = await pullRequest("envs/bad", "3333333000000000000000000000000000000000");
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(id)}`]);
    expect(String(github.writes()[0]!.body!.body).split("\n")[0]).toBe(expectedMarker(fixed, ".", "envs/bad", "3333333000000000000000000000000000000000"));
  });

  it("replaces the plan with the error when the plan itself fails (AWS refuses the credentials)", async () => {
    writeConfig("envs/awsfail", yaml(role("auditor")));
    const ok = await pullRequest("envs/awsfail", "c1c1c1c000000000000000000000000000000000");
    expect(ok.code, ok.stdout).toBe(0);
    const id = ownPlanComments("envs/awsfail")[0]!.id;
    github.calls.length = 0;
    const run = await pullRequest("envs/awsfail", "c2c2c2c000000000000000000000000000000000", {}, { AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE" });
    expect(run.code).toBe(1);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(id)}`]);
    const body = String(github.writes()[0]!.body!.body).split("\n");
    expect(body.slice(0, 6)).toEqual([
      '<!-- orgctl-plan dir="." path="envs/awsfail" commit="c2c2c2c000000000000000000000000000000000" status="failed" -->',
      "### ❌ orgctl plan failed for `envs/awsfail` at c2c2c2c",
      "",
      `There is no plan for this commit to review: merging it now applies nothing (apply needs a reviewed plan for the merged commit). Fix the error and push again. [Workflow run](${RUN_URL})`,
      "",
      "```text",
    ]);
    expect(body[6]).toMatch(/^plan failed for envs\/awsfail: .+/);
    expect(run.stdout).toContain("::error::plan failed for envs/awsfail: ");
    expectNoSecrets(run);
  });

  it("never edits or deletes a comment someone else wrote with the Action's marker", async () => {
    const real = ownPlanComments("envs/a").find((c) => c.user === "github-actions[bot]")!;
    // Oldest first, so a marker-only search would take it for part 1.
    const forged = { id: 500, issue: PR, user: "mallory", body: `${real.body.split("\n")[0]}\nFake plan: no changes.` };
    const forgedBig = { id: 501, issue: PR, user: "mallory", body: `<!-- orgctl-plan dir="." path="envs/big" -->\nmore` };
    github.comments.push(forged, forgedBig);
    github.calls.length = 0;
    const run = await pullRequest("envs/a", "4444444000000000000000000000000000000000");
    expect(run.code, run.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(real.id)}`]);
    github.calls.length = 0;
    const big = await pullRequest("envs/big", "4444444000000000000000000000000000000000");
    expect(big.code, big.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(ownPlanComments("envs/big").find((c) => c.user !== "mallory")!.id)}`]);
    expect(github.comments.find((c) => c.id === 500)).toEqual(forged);
    expect(github.comments.find((c) => c.id === 501)).toEqual(forgedBig);
  });

  it("keeps two configurations that differ only by working-directory apart: own comments and plan files in one job", async () => {
    writeConfig("teams/x", yaml(role("x-reader")));
    writeConfig("teams/y", yaml(role("y-reader")));
    const jobTemp = mkdtempSync(join(tmpdir(), "orgctl-job-"));
    const inDir = (dir: string, sha: string) => pullRequest(".", sha, { "working-directory": dir, path: "." }, { RUNNER_TEMP: jobTemp });
    github.calls.length = 0;
    const x = await inDir("teams/x", "5555555000000000000000000000000000000000");
    const y = await inDir("teams/y", "5555555000000000000000000000000000000000");
    expect([x.code, y.code]).toEqual([0, 0]);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${commentsPath}`, `POST ${commentsPath}`]);
    const [bx, by] = github.writes().map((c) => String(c.body!.body));
    expect(bx!.split("\n")[0]).toBe(expectedMarker(x, "teams/x", ".", "5555555000000000000000000000000000000000"));
    expect(by!.split("\n")[0]).toBe(expectedMarker(y, "teams/y", ".", "5555555000000000000000000000000000000000"));
    expect(bx).toContain("development/iam/role/x-reader");
    expect(by).toContain("development/iam/role/y-reader");
    for (const output of ["plan-json", "plan-file", "artifact-name"]) expect(x.outputs[output]).not.toBe(y.outputs[output]);
    expect(readFileSync(x.outputs["plan-json"]!, "utf8")).toContain("x-reader");
    expect(readFileSync(y.outputs["plan-json"]!, "utf8")).toContain("y-reader");

    const xId = github.comments.find((c) => c.body === bx)!.id;
    github.calls.length = 0;
    const again = await inDir("teams/x", "6666666000000000000000000000000000000000");
    expect(again.code, again.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(xId)}`]);
    // A second run of the same configuration in the same job keeps its own files too.
    expect(again.outputs["plan-json"]).not.toBe(x.outputs["plan-json"]);
  });

  it("names the missing permission when GitHub answers 403 Resource not accessible by integration", async () => {
    writeConfig("envs/perm", yaml(role("perm")));
    github.inject({ method: "POST", path: new RegExp(`^${commentsPath}$`), status: 403, json: notAccessible });
    github.calls.length = 0;
    const run = await pullRequest("envs/perm", "7777777000000000000000000000000000000000");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error::cannot write the plan comment: the token lacks the `pull-requests: write` permission (GitHub: \"Resource not accessible by integration\"); add `pull-requests: write` to the workflow's `permissions:`",
    );
    // Not retried: a missing permission does not come back by waiting.
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`POST ${commentsPath}`]);
  });

  it("retries a 5xx and a secondary rate limit (403 + Retry-After) with GitHub's waits", async () => {
    writeConfig("envs/retry", yaml(role("retry")));
    github.inject({ method: "GET", path: new RegExp(`^${commentsPath}$`), status: 502, json: { message: "Server Error" } });
    github.inject({
      method: "POST",
      path: new RegExp(`^${commentsPath}$`),
      status: 403,
      headers: { "retry-after": "1" },
      json: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
    });
    github.calls.length = 0;
    const run = await pullRequest("envs/retry", "8888888000000000000000000000000000000000");
    expect(run.code, run.stdout).toBe(0);
    expect(github.calls.map((c) => `${c.method} ${c.path} ${c.query.page ?? "1"}`)).toEqual([
      `GET ${commentsPath} 1`,
      `GET ${commentsPath} 1`,
      `GET ${commentsPath} 2`,
      `POST ${commentsPath} 1`,
      `POST ${commentsPath} 1`,
    ]);
    expect(run.stdout).toContain(`::warning::GitHub secondary rate limit on POST /repos/{owner}/{repo}/issues/{issue_number}/comments: retrying in 1s`);
    expect(ownPlanComments("envs/retry")).toHaveLength(1);
  });

  it("takes over its own comment from an earlier version (path-only marker) instead of leaving it looking current", async () => {
    writeConfig("envs/legacy", yaml(role("legacy")));
    github.comments.push({ id: 600, issue: PR, user: "github-actions[bot]", body: "<!-- orgctl-plan:envs/legacy -->\nConfiguration `envs/legacy` at 0000000\n\nold plan" });
    github.calls.length = 0;
    const run = await pullRequest("envs/legacy", "bbbbbbb0000000000000000000000000000000000");
    expect(run.code, run.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(600)}`]);
    expect(github.comments.find((c) => c.id === 600)!.body.split("\n")[0]).toBe(expectedMarker(run, ".", "envs/legacy", "bbbbbbb0000000000000000000000000000000000"));
  });

  it("with a personal access token, knows its own comments by the login GET /user returns", async () => {
    writeConfig("envs/pat", yaml(role("pat")));
    github.calls.length = 0;
    const first = await pullRequest("envs/pat", "9999999000000000000000000000000000000000", { "github-token": PAT });
    expect(first.code, first.stdout).toBe(0);
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET /user`, `GET ${commentsPath}`, `GET ${commentsPath}`, `POST ${commentsPath}`]);
    const mine = ownPlanComments("envs/pat");
    expect(mine.map((c) => c.user)).toEqual(["release-bot"]);
    github.calls.length = 0;
    const second = await pullRequest("envs/pat", "9999999100000000000000000000000000000000", { "github-token": PAT });
    expect(second.code, second.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(mine[0]!.id)}`]);
    expect(second.visible).not.toContain(PAT);
  });

  it("with a GitHub App token, knows its own comments by the comment-author input (and says to set it)", async () => {
    writeConfig("envs/app", yaml(role("app")));
    github.calls.length = 0;
    const first = await pullRequest("envs/app", "aaaaaaa0000000000000000000000000000000000", { "github-token": APP_TOKEN });
    expect(first.code, first.stdout).toBe(0);
    expect(github.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${commentsPath}`, `GET ${commentsPath}`, `POST ${commentsPath}`]);
    expect(first.stdout).toContain(
      '::warning::this comment was written as orgctl-app[bot], not github-actions[bot]: set the comment-author input to "orgctl-app[bot]" so later runs edit it instead of adding new ones',
    );
    const id = ownPlanComments("envs/app")[0]!.id;
    github.calls.length = 0;
    const second = await pullRequest("envs/app", "aaaaaaa1000000000000000000000000000000000", { "github-token": APP_TOKEN, "comment-author": "orgctl-app[bot]" });
    expect(second.code, second.stdout).toBe(0);
    expect(github.writes().map((c) => `${c.method} ${c.path}`)).toEqual([`PATCH ${commentPath(id)}`]);
    expect(second.stdout).not.toContain("::warning::this comment was written as");
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
