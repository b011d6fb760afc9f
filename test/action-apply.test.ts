// The bundled action end to end, pull request then merge: the PR run saves the plan and
// records its digest in the comment marker, the workflow uploads it as an artifact, and
// the merge run finds the merged pull request, downloads that artifact through the REST
// artifacts API, checks it is the plan shown, and applies it with `orgctl apply <plan>`,
// which refuses when anything differs. Result or refusal is posted on the pull request;
// the job summary always leads with it. Other branches only plan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { CreateRoleCommand, GetRoleCommand, ListAttachedRolePoliciesCommand } from "@aws-sdk/client-iam";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { startGitHubApi, type GitHubApiHandle } from "./helpers/github-api.js";
import { maskedValues, runAction, type ActionRun } from "./helpers/action-runner.js";
import { clientIn } from "./helpers/example-sandbox.js";
import type { Snapshot } from "../src/emulator/index.js";

const MGMT = "111111111111";
const DEV = "210987654321";
const TOKEN = "ghs_applytoken0123456789abcdefghijklmnopq";
const REPO = "/repos/acme/landing-zone";

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
let nextArtifact = 1;

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

const sha = (c: string) => c.repeat(40);

/** The pull request workflow: the action plans and comments, then actions/upload-artifact uploads plan-file as artifact-name. */
async function reviewed(pr: number, head: string, runId: number, tamper?: (plan: string) => string): Promise<ActionRun> {
  const run = await runAction({
    workspace,
    event: "pull_request",
    runId,
    payload: { action: "synchronize", number: pr, pull_request: { number: pr, head: { sha: head } }, repository: { default_branch: "main" } },
    inputs: { path: "org", "github-token": TOKEN, "plan-scope": "full" },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
  });
  expect(run.code, run.stdout).toBe(0);
  const text = readFileSync(run.outputs["plan-file"]!, "utf8");
  github.artifacts.push({ id: nextArtifact++, runId, headSha: head, name: run.outputs["artifact-name"]!, zip: zipSync({ "plan.json": new TextEncoder().encode(tamper ? tamper(text) : text) }) });
  return run;
}

function merged(pr: number, head: string, mergeCommit: string): void {
  github.pulls.push({ number: pr, headSha: head, mergeCommitSha: mergeCommit, merged: true });
}

function push(branch: string, commit: string, runId: number): Promise<ActionRun> {
  github.calls.length = 0;
  return runAction({
    workspace,
    event: "push",
    ref: `refs/heads/${branch}`,
    sha: commit,
    runId,
    payload: { ref: `refs/heads/${branch}`, after: commit, repository: { default_branch: "main" } },
    inputs: { path: "org", "github-token": TOKEN, "working-directory": "." },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
  });
}

const requests = () => github.calls.map((c) => `${c.method} ${c.path}${c.query.name ? `?name=${c.query.name}` : ""}`);
const lastPost = () => String(github.writes().at(-1)!.body!.body);

/** IAM client in the development account, through the access role. */
const devIam = () => clientIn(emulator(), "iam", DEV);

const auditor = "{ name: auditor, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess] }";
const deployer = "{ name: deployer, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess] }";

describe("action on push", () => {
  it("only plans on a branch other than the default one", async () => {
    writeRoles(auditor);
    const run = await push("feature/x", sha("9"), 4999);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("orgctl plan for org");
    expect(run.outputs["has-changes"]).toBe("true");
    expect(run.summary).not.toContain("orgctl apply");
    const iam = await devIam();
    await expect(iam.send(new GetRoleCommand({ RoleName: "auditor" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    iam.destroy();
    expect(github.calls).toEqual([]);
  });

  it("applies the plan reviewed on the merged pull request and posts the result there", async () => {
    const pr = await reviewed(11, sha("1"), 5001);
    merged(11, sha("1"), sha("a"));
    const run = await push("main", sha("a"), 5002);
    expect(run.code, run.stdout).toBe(0);
    const artifact = pr.outputs["artifact-name"]!;
    expect(requests()).toEqual([
      `GET ${REPO}/commits/${sha("a")}/pulls`,
      `GET ${REPO}/issues/11/comments`,
      `GET ${REPO}/actions/runs/5001/artifacts?name=${artifact}`,
      `GET ${REPO}/actions/artifacts/1/zip`,
      `GET /_blob/artifact-1.zip`,
      `POST ${REPO}/issues/11/comments`,
    ]);
    const digest = pr.outputs["plan-sha256"]!;
    const section = [
      "## orgctl apply for `org` at aaaaaaa",
      "",
      `Plan reviewed on #11 at 1111111 (sha256 \`${digest.slice(0, 12)}\`). [Workflow run](https://github.com/acme/landing-zone/actions/runs/5002)`,
      "",
      "### ✅ Applied",
      "",
      "```text",
      "Applied (1):",
      "  development/iam/role/auditor (create)",
      "Apply complete: 1 change(s) applied.",
      "```",
      "",
    ].join("\n");
    expect(lastPost()).toBe(`<!-- orgctl-apply dir="." path="org" commit="${sha("a")}" plan-sha256="${digest}" -->\n${section}`);
    expect(run.summary.startsWith(section)).toBe(true);
    expect(run.summary).toContain("Configuration `org` at 1111111");
    expect(run.summary).toContain("development/iam/role/auditor");
    const iam = await devIam();
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "auditor" }));
    expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    iam.destroy();
    expect(run.visible).not.toContain(emulator().credentials.secretAccessKey);
  });

  it("refuses when live state moved between review and merge, and says why on the pull request", async () => {
    writeRoles(auditor, deployer);
    await reviewed(12, sha("2"), 5003);
    // Someone creates the role by hand after the review, trusting another account.
    const iam = await devIam();
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${DEV}:root` }, Action: "sts:AssumeRole" }] };
    await iam.send(new CreateRoleCommand({ RoleName: "deployer", AssumeRolePolicyDocument: JSON.stringify(trust) }));
    merged(12, sha("2"), sha("b"));
    const run = await push("main", sha("b"), 5004);
    expect(run.code).toBe(1);
    expect(requests().at(-1)).toBe(`POST ${REPO}/issues/12/comments`);
    const body = lastPost();
    expect(body.split("\n").slice(0, 7)).toEqual([
      expect.stringMatching(/^<!-- orgctl-apply dir="\." path="org" commit="b{40}" plan-sha256="[0-9a-f]{64}" -->$/),
      "## orgctl apply for `org` at bbbbbbb",
      "",
      expect.stringMatching(/^Plan reviewed on #12 at 2222222 \(sha256 `[0-9a-f]{12}`\)\. \[Workflow run\]\(https:\/\/github\.com\/acme\/landing-zone\/actions\/runs\/5004\)$/),
      "",
      "### ⛔ Apply refused",
      "",
    ]);
    expect(body).toContain(
      "the plan no longer matches the YAML and live state: development/iam/role/deployer changed since the plan was made: role deployer exists and is not managed by orgctl (no orgctl:managed tag); set adopt: true to take it over; run plan again",
    );
    expect(body).toContain("Nothing was applied.");
    expect(run.stdout).toMatch(/::error::apply refused: .*development\/iam\/role\/deployer/);
    expect(run.summary.startsWith(body.split("\n").slice(1).join("\n"))).toBe(true);
    // The hand-made role is as it was: nothing unreviewed was applied.
    const role = await iam.send(new GetRoleCommand({ RoleName: "deployer" }));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toContain(`arn:aws:iam::${DEV}:root`);
    iam.destroy();
  });

  it("refuses a merge whose last push was never planned", async () => {
    writeRoles(auditor);
    await reviewed(13, sha("3"), 5005);
    merged(13, sha("4"), sha("c"));
    const run = await push("main", sha("c"), 5006);
    expect(run.code).toBe(1);
    expect(requests()).toEqual([`GET ${REPO}/commits/${sha("c")}/pulls`, `GET ${REPO}/issues/13/comments`, `POST ${REPO}/issues/13/comments`]);
    const section = [
      "## orgctl apply for `org` at ccccccc",
      "",
      "### ⛔ Apply refused",
      "",
      "the plan for `org` on #13 was made at 3333333, but the pull request was merged at 4444444: what was merged was never planned. Nothing was applied. [Workflow run](https://github.com/acme/landing-zone/actions/runs/5006)",
      "",
    ].join("\n");
    expect(lastPost()).toBe(`<!-- orgctl-apply dir="." path="org" commit="${sha("c")}" -->\n${section}`);
    expect(run.summary).toBe(section + "\n");
    expect(run.stdout).toContain("::error::apply refused: the plan for `org` on #13 was made at 3333333");
  });

  it("refuses an artifact that is not the plan shown on the pull request", async () => {
    writeRoles(auditor, deployer.replace("deployer", "builder"));
    const pr = await reviewed(14, sha("5"), 5007, (plan) => plan.replace(/ReadOnlyAccess/g, "AdministratorAccess"));
    merged(14, sha("5"), sha("d"));
    const run = await push("main", sha("d"), 5008);
    expect(run.code).toBe(1);
    expect(requests().at(-1)).toBe(`POST ${REPO}/issues/14/comments`);
    expect(lastPost()).toContain(`the artifact \`${pr.outputs["artifact-name"]}\` is not the plan shown on #14 (sha256 `);
    expect(lastPost()).toContain(`reviewed ${pr.outputs["plan-sha256"]!.slice(0, 12)}). Nothing was applied.`);
    const iam = await devIam();
    await expect(iam.send(new GetRoleCommand({ RoleName: "builder" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    iam.destroy();
  });

  it("refuses a plan comment edited to point at another run's artifact", async () => {
    writeRoles(auditor);
    await reviewed(17, sha("5"), 5014);
    // A run on another branch uploads a plan under the same name; someone edits the bot's marker to point at it.
    const other = await reviewed(99, "0123456789".repeat(4), 5015);
    const comment = github.comments.find((c) => c.issue === 17)!;
    comment.body = comment.body.replace('run="5014"', 'run="5015"').replace(/plan-sha256="[0-9a-f]+"/, `plan-sha256="${other.outputs["plan-sha256"]}"`);
    merged(17, sha("5"), sha("9"));
    const run = await push("main", sha("9"), 5016);
    expect(run.code).toBe(1);
    expect(requests().slice(-2)).toEqual([`GET ${REPO}/actions/runs/5015/artifacts?name=${other.outputs["artifact-name"]}`, `POST ${REPO}/issues/17/comments`]);
    expect(lastPost()).toContain(`the artifact \`${other.outputs["artifact-name"]}\` of run 5015 was made at 0123456, not at the merged head 5555555. Nothing was applied.`);
  });

  it("refuses a push to the default branch that no pull request reviewed, touching neither AWS nor the pull requests", async () => {
    const before = emulator().world.calls.length;
    const run = await push("main", sha("e"), 5009);
    expect(run.code).toBe(1);
    expect(requests()).toEqual([`GET ${REPO}/commits/${sha("e")}/pulls`]);
    expect(run.stdout).toContain(
      "::error::apply refused: commit eeeeeee is not the merge of a pull request: orgctl applies only a plan reviewed on a pull request; merge the change through one",
    );
    expect(run.summary).toContain("### ⛔ Apply refused");
    expect(emulator().world.calls.length).toBe(before);
  });

  it("fails the job and says what failed on the pull request when an operation fails", async () => {
    writeRoles(auditor, `{ name: broken, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: ["arn:aws:iam::${DEV}:policy/does-not-exist"] }`);
    await reviewed(15, sha("6"), 5010);
    merged(15, sha("6"), sha("f"));
    const run = await push("main", sha("f"), 5011);
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toContain("::error::apply incomplete: see the job summary");
    const body = lastPost();
    expect(body).toContain("### ❌ Apply incomplete");
    expect(body).toMatch(/Failed \(1\):\n {2}development\/iam\/role\/broken \(create\): .*NoSuchEntity/);
    expect(body).toContain("Apply incomplete: 0 applied, 1 failed, 0 not attempted.");
    expect(run.summary).toContain("### ❌ Apply incomplete");
  });

  it("masks the reviewed plan's sensitive content before applying it, and never shows it", async () => {
    const secret = "sk-live-merge-secret-9a8b7c6d5e4f";
    writeFileSync(
      join(workspace, "org", "orgctl.yaml"),
      readFileSync(join(workspace, "org", "orgctl.yaml"), "utf8").replace(/  - \{ name: broken.*\n?/, "") +
        ["", "appconfig:", "  Payments:", "    account: development", "    region: eu-west-1", "    environments: [dev]", "    profiles:", "      Keys:", "        versions:", `          v1: { content: { apiKey: "${secret}" }, sensitive: true }`].join("\n"),
    );
    await reviewed(16, sha("7"), 5012);
    merged(16, sha("7"), sha("8"));
    const run = await push("main", sha("8"), 5013);
    expect(run.code, run.stdout).toBe(0);
    expect(maskedValues(run)).toContain(`"apiKey": "${secret}"`);
    expect(run.visible).not.toContain(secret);
    expect(lastPost()).toContain("### ✅ Applied");
    expect(lastPost()).not.toContain(secret);
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
