// The bundled action on a schedule: drift opens one labelled issue per configuration, edits
// it only when the drift report changes, closes it with a comment once live state matches
// the YAML, and reopens it when drift returns. The issue is found by marker and author
// whatever its line endings and labels; a person's "not planned" stands until the drift changes.
import { resolveOwner } from "../src/config/owner.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DetachRolePolicyCommand } from "@aws-sdk/client-iam";
import { envFor, withEmulator } from "./helpers/emulator.js";
import { notAccessible, startGitHubApi, type GitHubApiHandle } from "./helpers/github-api.js";
import { runAction, type ActionRun } from "./helpers/action-runner.js";
import { clientIn } from "./helpers/example-sandbox.js";
import type { Snapshot } from "../src/emulator/index.js";

const OWNER = "acme";
const REPO = "landing-zone";
const TOKEN = "ghs_driftcheck0123456789abcdefghijklmnopq";
const MGMT = "111111111111";
const DEV = "210987654321";
const ISSUES = `/repos/${OWNER}/${REPO}/issues`;
const MARKER = '<!-- orgctl-drift dir="." path="org" -->';

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
  github = await startGitHubApi(OWNER, REPO);
  // Noise the search must skip: a pull request, and another path's drift issue with the same label.
  // Noise the search must skip: a pull request, another configuration's drift issue, and
  // someone else's issue carrying this configuration's marker.
  const bot = "github-actions[bot]";
  github.issues.push({ number: 1, title: "Add auditor role", body: `${MARKER}\n`, state: "open", labels: ["orgctl-drift"], pull_request: true, user: bot });
  github.issues.push({ number: 2, title: "orgctl: drift detected in other", body: '<!-- orgctl-drift dir="." path="other" -->\nold', state: "open", labels: ["orgctl-drift"], user: bot });
  github.issues.push({ number: 3, title: "orgctl: drift detected in org", body: `${MARKER}\nforged`, state: "open", labels: ["orgctl-drift"], user: "mallory" });
  workspace = mkdtempSync(join(tmpdir(), "orgctl-drift-"));
  mkdirSync(join(workspace, "org"));
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
      "  - { name: auditor, in: { accounts: [development] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess] }",
    ].join("\n"),
  );
});
afterAll(async () => {
  await github?.stop();
});

function scheduled(inputs: Record<string, string> = {}): Promise<ActionRun> {
  github.calls.length = 0;
  return runAction({
    workspace,
    event: "schedule",
    payload: { schedule: "17 6 * * *", repository: { default_branch: "main" } },
    ref: "refs/heads/main",
    inputs: { path: "org", "github-token": TOKEN, ...inputs },
    env: { ...envFor(emulator()), GITHUB_API_URL: github.url },
  });
}

const writes = () => github.writes().map((c) => `${c.method} ${c.path}`);

/** IAM client in the development account, through the access role. */
const devIam = () => clientIn(emulator(), "iam", DEV);

describe("action on schedule (drift)", () => {
  it("opens, keeps, updates and closes one drift issue as live state changes", async () => {
    const first = await scheduled();
    expect(first.code, first.stdout).toBe(1);
    expect(first.stdout).toContain("::error::drift detected in org");
    expect(first.outputs["has-changes"]).toBe("true");
    expect(writes()).toEqual([`POST ${ISSUES}`]);
    const created = github.calls.find((c) => c.method === "POST")!.body!;
    expect(created.labels).toEqual(["orgctl-drift"]);
    expect(created.title).toBe("orgctl: drift detected in org");
    expect(String(created.body).split("\n")[0]).toBe(MARKER);
    // Every issue is read, open or closed, whatever its labels.
    expect(github.calls.filter((c) => c.method === "GET").map((c) => [c.path, c.query.state, c.query.labels])).toEqual([[ISSUES, "all", undefined]]);
    expect(String(created.body)).toContain("+ create `development/iam/role/auditor`");
    const issue = github.issues.find((i) => i.title === "orgctl: drift detected in org" && i.user === "github-actions[bot]")!;

    // Edited in the web UI (CRLF line ends) and its label removed: still the same issue, same drift, not touched.
    issue.body = issue.body.replace(/\n/g, "\r\n");
    issue.labels = [];
    const same = await scheduled();
    expect(same.code).toBe(1);
    expect(writes()).toEqual([]);

    // The role appears by hand without its managed policy: different drift, same issue edited.
    const iam = await devIam();
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] };
    await iam.send(new CreateRoleCommand({ RoleName: "auditor", AssumeRolePolicyDocument: JSON.stringify(trust), Tags: [{ Key: "orgctl:managed", Value: resolveOwner(join(workspace, "org"), undefined) }] }));
    const changed = await scheduled({ "fail-on-drift": "false" });
    expect(changed.code, changed.stdout).toBe(0);
    expect(writes()).toEqual([`PATCH ${ISSUES}/${issue.number}`]);
    expect(issue.body).toContain("update `development/iam/role/auditor`");
    expect(issue.state).toBe("open");

    // Live state now matches: a closing comment, then the issue is closed.
    await iam.send(new AttachRolePolicyCommand({ RoleName: "auditor", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    const clean = await scheduled();
    expect(clean.code, clean.stdout).toBe(0);
    expect(clean.outputs["has-changes"]).toBe("false");
    expect(writes()).toEqual([`POST ${ISSUES}/${issue.number}/comments`, `PATCH ${ISSUES}/${issue.number}`]);
    expect(issue.state).toBe("closed");
    expect(issue.state_reason).toBe("completed");
    expect(github.issues.find((i) => i.number === 2)!.state).toBe("open");
    expect(github.issues.find((i) => i.number === 3)!.body).toBe(`${MARKER}\nforged`);

    // Nothing to do on the next clean run.
    await scheduled();
    expect(writes()).toEqual([]);

    // The drift returns: the same issue is reopened, not duplicated.
    await iam.send(new DetachRolePolicyCommand({ RoleName: "auditor", PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    const back = await scheduled({ "fail-on-drift": "false" });
    expect(back.code, back.stdout).toBe(0);
    expect(writes()).toEqual([`PATCH ${ISSUES}/${issue.number}`, `POST ${ISSUES}/${issue.number}/comments`]);
    const reopen = github.calls.find((c) => c.method === "PATCH")!.body!;
    expect(reopen).toEqual({ state: "open", state_reason: "reopened" });
    expect(github.calls.find((c) => c.method === "POST")!.body).toEqual({ body: "Drift is back for `org` ([run](https://github.com/acme/landing-zone/actions/runs/4242)): reopening." });
    expect(issue.state).toBe("open");

    // A person closes it as not planned: the same drift leaves it closed, run after run.
    issue.state = "closed";
    issue.state_reason = "not_planned";
    for (let i = 0; i < 2; i++) {
      const ignored = await scheduled({ "fail-on-drift": "false" });
      expect(ignored.code, ignored.stdout).toBe(0);
      expect(writes()).toEqual([]);
      expect(ignored.stdout).toContain(`drift issue: left closed (not planned) #${issue.number}`);
    }
    // Until the drift report changes: then it is reopened with the new report.
    await iam.send(new DeleteRoleCommand({ RoleName: "auditor" }));
    const different = await scheduled({ "fail-on-drift": "false" });
    expect(different.code, different.stdout).toBe(0);
    expect(writes()).toEqual([`PATCH ${ISSUES}/${issue.number}`, `POST ${ISSUES}/${issue.number}/comments`]);
    expect(github.calls.find((c) => c.method === "PATCH")!.body).toEqual({ state: "open", state_reason: "reopened", body: issue.body });
    expect(issue.body).toContain("+ create `development/iam/role/auditor`");
    expect(github.issues.filter((i) => i.title === "orgctl: drift detected in org" && i.user === "github-actions[bot]")).toHaveLength(1);
    iam.destroy();
    for (const run of [first, same, changed, clean]) {
      expect(run.visible).not.toContain(TOKEN);
      expect(run.visible).not.toContain(emulator().credentials.secretAccessKey);
    }
  });

  it("keeps a configuration in another working directory in its own issue, and names issues: write on 403", async () => {
    github.calls.length = 0;
    const elsewhere = await scheduled({ "working-directory": "org", path: "." });
    expect(elsewhere.code).toBe(1);
    expect(writes()).toEqual([`POST ${ISSUES}`]);
    const created = github.calls.find((c) => c.method === "POST")!.body!;
    expect(String(created.body).split("\n")[0]).toBe('<!-- orgctl-drift dir="org" path="." -->');
    expect(created.title).toBe("orgctl: drift detected in org");

    github.inject({ method: "POST", path: new RegExp(`^${ISSUES}$`), status: 403, json: notAccessible });
    const denied = await scheduled({ path: "org/orgctl.yaml" });
    expect(denied.code).toBe(1);
    expect(denied.stdout).toContain(
      "::error::cannot update the drift issue: the token lacks the `issues: write` permission (GitHub: \"Resource not accessible by integration\"); add `issues: write` to the workflow's `permissions:`",
    );
  });
});
