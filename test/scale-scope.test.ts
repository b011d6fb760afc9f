import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { EmulatorHandle } from "../src/emulator/index.js";
import type { Plan } from "../src/engine/types.js";
import type { DesiredState } from "../src/model/types.js";
import { callsDuring, loadOrThrow, orgctl, seededEmulator } from "./helpers/scale.js";

// A repository holding example 5 (56 accounts): a commit, then an edit, then
// `plan --changed-since HEAD~1` from inside the repository.
const repo = mkdtempSync(join(tmpdir(), "orgctl-scope-"));
let emulator: EmulatorHandle;
let desired: DesiredState;

function git(...args: string[]): void {
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo, stdio: "ignore" });
}

function edit(file: string, from: string, to: string): void {
  const path = join(repo, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(path, text.replace(from, to));
  git("commit", "-qam", `edit ${file}`);
}

beforeAll(async () => {
  cpSync(resolve("examples/5-cicd-fanout"), repo, { recursive: true });
  cpSync(resolve("schemas"), join(repo, "schemas"), { recursive: true });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "initial");
  desired = await loadOrThrow(join(repo, "orgctl.yaml"));
  emulator = await seededEmulator(desired);
});
afterAll(async () => {
  await emulator?.stop();
});

async function scopedPlan(ref: string) {
  const run = await callsDuring(emulator, () => orgctl(emulator, ["plan", "--changed-since", ref, "--format", "json"], repo));
  const keyOf = new Map(desired.accounts.map((a) => [a.id!, a.key]));
  const iamAccounts = [...run.accounts("iam")].map((id) => keyOf.get(id) ?? id).sort();
  return { ...run, plan: JSON.parse(run.result.stdout) as Plan, iamAccounts };
}

const prodAccounts = () => desired.accounts.filter((a) => a.unit === "Workloads/Prod" && a.tags.env === "prod").map((a) => a.key).sort();

describe("plan --changed-since", () => {
  it("reads only the accounts a role change targets, and says the plan is scoped", async () => {
    edit("orgctl.yaml", "managedPolicies: [ReadOnlyAccess]", "managedPolicies: [ReadOnlyAccess, SecurityAudit]");
    const { result, plan, iamAccounts, count, accounts } = await scopedPlan("HEAD~1");
    expect(result.code).toBe(2);
    expect(prodAccounts().length).toBeGreaterThan(3);
    expect(iamAccounts).toEqual(prodAccounts());
    expect(count("sts:AssumeRole")).toBe(prodAccounts().length);
    expect(accounts("organizations").size).toBe(0);
    expect(plan.scope).toMatchObject({ by: "changed since HEAD~1", accounts: prodAccounts(), organization: false });
    expect(new Set(plan.changes.map((c) => c.account))).toEqual(new Set(prodAccounts()));

    const text = await orgctl(emulator, ["plan", "--changed-since", "HEAD~1"], repo);
    expect(text.stdout).toContain(`Scoped plan (changed since HEAD~1): covers ${prodAccounts().length} account(s); drift elsewhere is not covered.`);
  });

  it("plans a moved account's placement and its newly targeted roles, reading only its tags", async () => {
    const line = readFileSync(join(repo, "accounts.yaml"), "utf8").split("\n").find((l) => l.startsWith("  search-staging:"))!;
    edit("accounts.yaml", line, line.replace("unit: Workloads/NonProd", "unit: Workloads/Prod").replace("env: staging", "env: prod"));
    desired = await loadOrThrow(join(repo, "orgctl.yaml"));
    const { result, plan, iamAccounts, count } = await scopedPlan("HEAD~1");
    expect(result.code).toBe(2);
    // cicd too: the pipeline's grant (orgctl-grants) gains the role the move puts in search-staging.
    expect(iamAccounts).toEqual(["cicd", "search-staging"]);
    expect(plan.scope).toMatchObject({ accounts: ["cicd", "search-staging"], organization: true });
    // The sandbox has no units yet (nothing to tag): only the moved account's tags, not all 56.
    expect(count("organizations:ListTagsForResource")).toBe(1);
    const addresses = plan.changes.map((c) => `${c.action} ${c.address}`);
    expect(addresses).toContain("update management/organizations/account/search-staging");
    expect(addresses).toContain("create search-staging/iam/role/cicd-prod-readonly");
    expect(addresses).toContain("create cicd/iam/role/pipeline");
    expect(plan.changes.every((c) => ["search-staging", "cicd"].includes(c.account) || c.service === "organizations")).toBe(true);
    expect(plan.changes.filter((c) => c.type === "account").map((c) => c.name)).toEqual(["search-staging"]);
  });

  it("reads nothing when nothing changed, and rejects an unknown ref", async () => {
    const { result, plan, iamAccounts, count } = await scopedPlan("HEAD");
    expect(result.code).toBe(0);
    expect(iamAccounts).toEqual([]);
    expect(count("sts:AssumeRole")).toBe(0);
    expect(plan.scope).toMatchObject({ accounts: [], organization: false });

    const bad = await orgctl(emulator, ["plan", "--changed-since", "no-such-ref"], repo);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error: --changed-since: no-such-ref is not a commit/m);
  });

  it("works with the repository root as the path, as \".\" or absolute, and with a file in a subfolder", async () => {
    for (const target of [".", repo]) {
      const run = await orgctl(emulator, ["plan", target, "--changed-since", "HEAD", "--format", "json"], repo);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as Plan).scope).toMatchObject({ by: "changed since HEAD", accounts: [], organization: false });
    }
    const sub = join(repo, "nested");
    mkdirSync(sub);
    cpSync(join(repo, "orgctl.yaml"), join(sub, "orgctl.yaml"));
    cpSync(join(repo, "accounts.yaml"), join(sub, "accounts.yaml"));
    git("add", ".");
    git("commit", "-qm", "nested copy");
    const nested = await orgctl(emulator, ["plan", ".", "--changed-since", "HEAD", "--format", "json"], sub);
    expect(nested.stderr).toBe("");
    expect(nested.code).toBe(0);
  });
});

// Every kind a YAML can declare counts, not only roles and AppConfig: a PR that changes
// only a group, a managed policy, an OIDC provider or an organization policy must plan it.
describe("plan --changed-since, for every kind", () => {
  function append(file: string, text: string): void {
    const path = join(repo, file);
    writeFileSync(path, readFileSync(path, "utf8") + text);
    git("commit", "-qam", `append to ${file}`);
  }

  it("plans a group, a managed policy and an OIDC provider added in one account, reading only that account", async () => {
    append("orgctl.yaml", [
      "groups:",
      "  - name: auditors",
      "    in: { accounts: [cicd] }",
      "    managedPolicies: [ReadOnlyAccess]",
      "policies:",
      "  - name: artifact-read",
      "    in: { accounts: [cicd] }",
      "    document: { Version: \"2012-10-17\", Statement: [{ Effect: Allow, Action: \"s3:GetObject\", Resource: \"*\" }] }",
      "oidcProviders:",
      "  - url: https://token.actions.githubusercontent.com",
      "    in: { accounts: [cicd] }",
      "    audiences: [sts.amazonaws.com]",
      "",
    ].join("\n"));
    const { result, plan, iamAccounts } = await scopedPlan("HEAD~1");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(2);
    expect(iamAccounts).toEqual(["cicd"]);
    expect(plan.scope).toMatchObject({ accounts: ["cicd"], organization: false });
    expect(plan.changes.map((c) => `${c.action} ${c.address}`).sort()).toEqual([
      "create cicd/iam/group/auditors",
      "create cicd/iam/managed-policy/artifact-read",
      "create cicd/iam/oidc-provider/token.actions.githubusercontent.com",
      // The sandbox holds no roles yet: a plan of cicd covers its role too.
      "create cicd/iam/role/pipeline",
    ]);
  });

  it("plans an organization policy added, with the organization in scope and no account's IAM read", async () => {
    const yaml = readFileSync(join(repo, "orgctl.yaml"), "utf8");
    writeFileSync(join(repo, "orgctl.yaml"), yaml.replace(
      "  accessRole: OrganizationAccountAccessRole\n",
      [
        "  accessRole: OrganizationAccountAccessRole",
        "  policies:",
        "    deny-leaving:",
        "      type: SERVICE_CONTROL_POLICY",
        "      content: { Version: \"2012-10-17\", Statement: [{ Effect: Deny, Action: \"organizations:LeaveOrganization\", Resource: \"*\" }] }",
        "      targets: { root: true }",
        "",
      ].join("\n"),
    ));
    git("commit", "-qam", "an SCP");
    const { result, plan, iamAccounts } = await scopedPlan("HEAD~1");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(2);
    expect(iamAccounts).toEqual([]);
    expect(plan.scope).toMatchObject({ accounts: [], organization: true });
    // The sandbox has no units yet either: the organization's plan creates them too.
    expect(plan.changes.filter((c) => c.type !== "unit").map((c) => `${c.action} ${c.address}`)).toEqual([
      "create management/organizations/org-policy/SERVICE_CONTROL_POLICY/deny-leaving",
      "create management/organizations/policy-type/SERVICE_CONTROL_POLICY",
      "create management/organizations/org-policy-attachment/SERVICE_CONTROL_POLICY/deny-leaving@Root",
    ]);
  });
});
