// `orgctl plan` as a process against an emulator seeded from each example the way the
// sandbox seeds it: the management account and every account with an id exist under the
// root with their access role; no units, no tags, no roles, no AppConfig. So every
// example's first plan creates its units, moves (and tags) its accounts into them and
// creates every role and AppConfig resource. Expected changes are read off the YAML.
import { resolveOwner } from "../src/config/owner.js";
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../src/engine/types.js";
import type { OrganizationsSnapshot } from "../src/emulator/organizations/snapshot.js";
import type { AccountResource } from "../src/kinds/organizations/account/resource.js";
import type { DeploymentResource } from "../src/kinds/appconfig/deployment/resource.js";
import type { RoleResource } from "../src/kinds/iam/role/resource.js";
import type { VersionResource } from "../src/kinds/appconfig/version/resource.js";
import { actions, changeAt, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";
import { words } from "./fixtures/reasons.js";

const MGMT = "management/organizations";
/** The ownership tag a plan of `example` carries: its owner is the repository and folder. */
const managed = (example: string) => ({ "orgctl:managed": resolveOwner(example, undefined) });
const allow = (principal: object, extra: object = {}) => ({ Action: ["sts:AssumeRole"], Effect: "Allow", Principal: principal, ...extra });

/** stderr minus the progress lines a slow read prints: should be nothing. */
function unexpectedStderr(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line !== "" && !/^Reading accounts: \d+\/\d+$/.test(line));
}

function role(plan: Plan, address: string): RoleResource {
  return changeAt(plan, address).after as RoleResource;
}

describe("example 1: central AppConfig account", () => {
  const example = "examples/1-central-appconfig";
  const sandbox = withExample(example);
  const app = "config/appconfig/%s/eu-west-1/ListServices";
  const at = (type: string, rest = "") => app.replace("%s", type) + rest;
  const profile = "ListServicesAppConfigConfigProfile";

  it("creates the units, moves the accounts, creates the three roles and the whole application", async () => {
    const dir = mkdtempSync(join(tmpdir(), "orgctl-plan-"));
    const out = join(dir, "plan.json");
    const result = await orgctl(sandbox.emulator(), "plan", example, "--format", "json", "--out", out);
    expect(result.code).toBe(2);
    const plan = JSON.parse(readFileSync(out, "utf8")) as Plan;
    expect(JSON.parse(result.stdout)).toMatchObject({ changes: plan.changes.map((c) => ({ address: c.address, action: c.action })) });
    expect(actions(plan)).toEqual(
      [
        `create ${MGMT}/unit/Deployments`,
        `create ${MGMT}/unit/Workloads`,
        `create ${MGMT}/unit/Workloads/Dev`,
        `create ${MGMT}/unit/Workloads/Prod`,
        `update ${MGMT}/account/config`,
        `update ${MGMT}/account/development`,
        "create config/iam/managed-policy/AppConfigListServicesAccessPolicy",
        "create development/iam/managed-policy/AssumeAppConfigListServicesAccessPolicy",
        "create config/iam/role/AppConfigListServicesAccessRole",
        "create development/iam/role/ListServicesAppRole",
        "create development/iam/role/AppRunnerInstanceRole",
        `create ${at("application")}`,
        `create ${at("environment", "/development")}`,
        `create ${at("environment", "/testing")}`,
        `create ${at("environment", "/production")}`,
        `create ${at("profile", `/${profile}`)}`,
        `create ${at("version", `/${profile}/v1`)}`,
        `create ${at("version", `/${profile}/v2`)}`,
        `create ${at("profile", "/ListServicesFeatureFlags")}`,
        `create ${at("version", "/ListServicesFeatureFlags/flags-1")}`,
        `deploy ${at("deployment", "/development/ListServicesFeatureFlags")}`,
        `deploy ${at("deployment", `/development/${profile}`)}`,
        `deploy ${at("deployment", `/testing/${profile}`)}`,
        `deploy ${at("deployment", `/production/${profile}`)}`,
      ].sort(),
    );

    // Accounts move out of the root; development also gets its tag.
    expect(changeAt(plan, `${MGMT}/account/config`).patch).toEqual([{ op: "replace", path: "/unit", value: "Deployments" }]);
    expect((changeAt(plan, `${MGMT}/account/development`).after as AccountResource).tags).toEqual({ env: "dev" });
    expect(changeAt(plan, `${MGMT}/account/development`).dependsOn).toEqual([`${MGMT}/unit/Workloads/Dev`]);
    expect(changeAt(plan, `${MGMT}/unit/Workloads/Dev`).dependsOn).toEqual([`${MGMT}/unit/Workloads`]);

    // The read role trusts the app role, which trusts the App Runner instance role: a
    // trust principal must exist before IAM accepts it.
    const reader = role(plan, "config/iam/role/AppConfigListServicesAccessRole");
    expect(reader.assumeRolePolicy.Statement).toEqual([allow({ AWS: ["arn:aws:iam::345678901234:role/ListServicesAppRole"] })]);
    expect(reader.managedPolicies).toEqual(["arn:aws:iam::234567890123:policy/AppConfigListServicesAccessPolicy"]);
    expect(changeAt(plan, "config/iam/role/AppConfigListServicesAccessRole").dependsOn).toEqual([
      "config/iam/managed-policy/AppConfigListServicesAccessPolicy",
      "development/iam/role/ListServicesAppRole",
    ]);
    expect(changeAt(plan, "development/iam/role/ListServicesAppRole").dependsOn).toEqual([
      "development/iam/managed-policy/AssumeAppConfigListServicesAccessPolicy",
      "development/iam/role/AppRunnerInstanceRole",
    ]);
    // The read policy names the application by id, which only its create makes known.
    const readPolicy = changeAt(plan, "config/iam/managed-policy/AppConfigListServicesAccessPolicy");
    expect(readPolicy.dependsOn).toEqual([at("application")]);
    expect(words(readPolicy)).toEqual(["${app:ListServices}: (known after apply)"]);
    expect(JSON.stringify(readPolicy.after)).toContain("arn:aws:appconfig:eu-west-1:234567890123:application/${app:ListServices}/*");
    expect(role(plan, "development/iam/role/AppRunnerInstanceRole").assumeRolePolicy.Statement).toEqual([allow({ Service: ["tasks.apprunner.amazonaws.com"] })]);
    expect(role(plan, "development/iam/role/AppRunnerInstanceRole").tags).toEqual(managed("examples/1-central-appconfig"));

    // v2 goes to development and testing (default strategy), production stays on v1.
    const deploy = (env: string) => changeAt(plan, at("deployment", `/${env}/${profile}`));
    expect(deploy("development").after).toMatchObject({ versionLabel: "v2", strategy: "AppConfig.AllAtOnce" } satisfies Partial<DeploymentResource>);
    expect(deploy("testing").after).toMatchObject({ versionLabel: "v2", strategy: "AppConfig.AllAtOnce" });
    expect(deploy("production").after).toMatchObject({ versionLabel: "v1", strategy: "AppConfig.Linear50PercentEvery30Seconds" });
    expect(deploy("production").dependsOn).toEqual([at("environment", "/production"), at("profile", `/${profile}`), at("version", `/${profile}/v1`)].sort());
    const v1 = changeAt(plan, at("version", `/${profile}/v1`)).after as VersionResource;
    expect(JSON.parse(v1.content)).toEqual({ boolEnableLimitResults: false, intResultLimit: 0 });
    // Production is watched by an alarm; the flags profile is AWS's feature-flag type.
    expect(changeAt(plan, at("environment", "/production")).after).toMatchObject({ monitors: [{ alarm: "arn:aws:cloudwatch:eu-west-1:234567890123:alarm:ListServicesErrors" }] });
    expect(changeAt(plan, at("profile", "/ListServicesFeatureFlags")).after).toMatchObject({ type: "AWS.AppConfig.FeatureFlags" });
    expect(changeAt(plan, at("application")).after).toMatchObject({ description: "Feature settings of the ListServices application", tags: managed("examples/1-central-appconfig") });
  });

  it("renders text and markdown with the summary", async () => {
    await expectRenders(sandbox, example, "Plan: 18 to create, 2 to update, 4 to deploy.", [
      "| config | 11 | 0 | 0 | 0 | 4 | 0 |",
      "| development | 3 | 0 | 0 | 0 | 0 | 0 |",
      "| management | 4 | 2 | 0 | 0 | 0 | 0 |",
    ]);
  });
});

/** The text and markdown renderings of the same plan: exit 2, the summary, nothing on stderr. */
async function expectRenders(sandbox: ReturnType<typeof withExample>, example: string, summary: string, rows: string[]): Promise<void> {
  const text = await orgctl(sandbox.emulator(), "plan", example);
  expect(text.code).toBe(2);
  expect(text.stdout).toContain(summary);
  expect(unexpectedStderr(text.stderr)).toEqual([]);
  const markdown = await orgctl(sandbox.emulator(), "plan", example, "--format", "markdown");
  expect(markdown.code).toBe(2);
  expect(markdown.stdout).toContain("| Account | create | update | replace | delete | deploy | adopt |");
  for (const row of rows) expect(markdown.stdout).toContain(row);
  expect(unexpectedStderr(markdown.stderr)).toEqual([]);
}

describe("example 2: hub and spoke", () => {
  const example = "examples/2-hub-and-spoke";
  const sandbox = withExample(example);
  const spokes = ["spoke-a", "spoke-b", "spoke-c"];

  it("creates CrossAccount in every spoke, trusting only the main account, and the hub's role", async () => {
    const { code, plan } = await planJson(sandbox.emulator(), example);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(
      [
        `create ${MGMT}/unit/Automation`,
        `create ${MGMT}/unit/Spokes`,
        `update ${MGMT}/account/main`,
        ...spokes.map((s) => `update ${MGMT}/account/${s}`),
        ...spokes.map((s) => `create ${s}/iam/role/CrossAccount`),
        "create main/iam/role/HubAutomation",
      ].sort(),
    );
    for (const spoke of spokes) {
      const change = changeAt(plan, `${spoke}/iam/role/CrossAccount`);
      expect(change.after).toEqual({
        name: "CrossAccount",
        path: "/",
        description: "Assumed by the automation job in the main account",
        assumeRolePolicy: { Version: "2012-10-17", Statement: [allow({ AWS: ["arn:aws:iam::402938475610:root"] })] },
        inlinePolicies: {},
        managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        maxSessionDuration: 3600,
        tags: { team: "platform", ...managed("examples/2-hub-and-spoke") },
      } satisfies RoleResource);
      expect(change.dependsOn).toEqual([]);
      expect(changeAt(plan, `${MGMT}/account/${spoke}`).patch).toEqual([{ op: "replace", path: "/unit", value: "Spokes" }]);
    }
    expect(role(plan, "main/iam/role/HubAutomation").assumeRolePolicy.Statement).toEqual([allow({ Service: ["ecs-tasks.amazonaws.com"] })]);
  });

  it("renders text and markdown with the summary", async () => {
    await expectRenders(sandbox, example, "Plan: 6 to create, 4 to update.", [
      "| main | 1 | 0 | 0 | 0 | 0 | 0 |",
      "| management | 2 | 4 | 0 | 0 | 0 | 0 |",
      "| spoke-a | 1 | 0 | 0 | 0 | 0 | 0 |",
    ]);
  });
});

describe("example 2 with a spoke whose access role is missing", () => {
  const example = "examples/2-hub-and-spoke";
  const sandbox = withExample(example, (snapshot) => {
    const spokeB = (snapshot.organizations as OrganizationsSnapshot).accounts!.find((a) => a.id === "628374659102")!;
    spokeB.accessRole = false;
  });

  it("exits 1, names the account it could not read and still plans the others", async () => {
    const text = await orgctl(sandbox.emulator(), "plan", example);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("Accounts not read:");
    expect(text.stdout).toMatch(/spoke-b \(628374659102\): cannot assume arn:aws:iam::628374659102:role\/OrganizationAccountAccessRole/);
    expect(text.stdout).toContain("1 account(s) could not be read.");
    expect(unexpectedStderr(text.stderr)).toEqual([]);

    const { code, plan } = await planJson(sandbox.emulator(), example);
    expect(code).toBe(1);
    expect(plan.errors.map((e) => e.account)).toEqual(["spoke-b"]);
    expect(plan.accounts.find((a) => a.key === "spoke-b")).toMatchObject({ id: "628374659102", status: "error" });
    expect(actions(plan)).toEqual(
      [
        `create ${MGMT}/unit/Automation`,
        `create ${MGMT}/unit/Spokes`,
        `update ${MGMT}/account/main`,
        // The organization is read in the management account: spoke-b can still be moved.
        `update ${MGMT}/account/spoke-a`,
        `update ${MGMT}/account/spoke-b`,
        `update ${MGMT}/account/spoke-c`,
        "create spoke-a/iam/role/CrossAccount",
        "create spoke-c/iam/role/CrossAccount",
        "create main/iam/role/HubAutomation",
      ].sort(),
    );
  });
});

describe("example 3: cross-account deploys", () => {
  const example = "examples/3-cross-account-deploys";
  const sandbox = withExample(example);

  it("creates the production deployer trusting the pipeline role with an external id", async () => {
    const { code, plan } = await planJson(sandbox.emulator(), example);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(
      [
        `create ${MGMT}/unit/Workloads`,
        `create ${MGMT}/unit/Workloads/Dev`,
        `create ${MGMT}/unit/Workloads/Prod`,
        `update ${MGMT}/account/development`,
        `update ${MGMT}/account/production`,
        "create production/iam/role/ProductionDeployer",
        "create production/iam/role/CodeDeployServiceRole",
        "create development/iam/role/DeployPipeline",
        "create development/iam/role/CodeDeployServiceRole",
      ].sort(),
    );
    const deployer = changeAt(plan, "production/iam/role/ProductionDeployer");
    expect((deployer.after as RoleResource).assumeRolePolicy.Statement).toEqual([
      allow({ AWS: ["arn:aws:iam::284756193027:role/DeployPipeline"] }, { Condition: { StringEquals: { "sts:ExternalId": ["release-pipeline-7f3a"] } } }),
    ]);
    expect((deployer.after as RoleResource).managedPolicies).toEqual([
      "arn:aws:iam::aws:policy/AWSCodeDeployDeployerAccess",
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
    ]);
    expect(deployer.dependsOn).toEqual(["development/iam/role/DeployPipeline"]);
    // The other side of the grant: the pipeline may assume exactly that role, and nothing else.
    expect(role(plan, "development/iam/role/DeployPipeline").inlinePolicies).toEqual({
      "orgctl-grants": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: ["arn:aws:iam::395867204138:role/ProductionDeployer"] }] },
    });
    // AWSCodeDeployRole lives under service-role/ in AWS.
    expect(role(plan, "development/iam/role/CodeDeployServiceRole").managedPolicies).toEqual(["arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole"]);
    expect(changeAt(plan, `${MGMT}/account/production`).after).toMatchObject({ id: "395867204138", unit: "Workloads/Prod", tags: { env: "prod" } });
  });

  it("renders text and markdown with the summary", async () => {
    await expectRenders(sandbox, example, "Plan: 7 to create, 2 to update.", [
      "| development | 2 | 0 | 0 | 0 | 0 | 0 |",
      "| management | 3 | 2 | 0 | 0 | 0 | 0 |",
      "| production | 2 | 0 | 0 | 0 | 0 | 0 |",
    ]);
  });
});

describe("example 3 with the development account still to be created", () => {
  // The same desired state without development's id: orgctl must create the account,
  // and everything that names it waits for it and carries a placeholder for its id.
  const dir = mkdtempSync(join(tmpdir(), "orgctl-no-id-"));
  cpSync("examples/3-cross-account-deploys", dir, { recursive: true });
  const yaml = join(dir, "orgctl.yaml");
  writeFileSync(yaml, readFileSync(yaml, "utf8").replace('development: { id: "284756193027", ', "development: { "));
  const sandbox = withExample(dir);
  const account = `${MGMT}/account/development`;

  it("creates the account, and the roles in it and trusting it depend on that create", async () => {
    const { code, plan } = await planJson(sandbox.emulator(), dir);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(
      [
        `create ${MGMT}/unit/Workloads`,
        `create ${MGMT}/unit/Workloads/Dev`,
        `create ${MGMT}/unit/Workloads/Prod`,
        `create ${account}`,
        `update ${MGMT}/account/production`,
        "create production/iam/role/ProductionDeployer",
        "create production/iam/role/CodeDeployServiceRole",
        "create development/iam/role/DeployPipeline",
        "create development/iam/role/CodeDeployServiceRole",
      ].sort(),
    );
    expect(changeAt(plan, account).after).toEqual({ key: "development", name: "development", email: "aws+development@example.com", unit: "Workloads/Dev", tags: { env: "dev" } });
    expect(changeAt(plan, account).dependsOn).toEqual([`${MGMT}/unit/Workloads/Dev`]);
    expect(changeAt(plan, "development/iam/role/DeployPipeline").dependsOn).toEqual([account]);
    expect(changeAt(plan, "development/iam/role/CodeDeployServiceRole").dependsOn).toEqual([account]);
    const deployer = changeAt(plan, "production/iam/role/ProductionDeployer");
    expect((deployer.after as RoleResource).assumeRolePolicy.Statement).toEqual([
      allow({ AWS: ["arn:aws:iam::${account:development}:role/DeployPipeline"] }, { Condition: { StringEquals: { "sts:ExternalId": ["release-pipeline-7f3a"] } } }),
    ]);
    expect(deployer.dependsOn).toEqual(["development/iam/role/DeployPipeline", account]);
    expect(plan.accounts.find((a) => a.key === "development")).toEqual({ key: "development", status: "ok" });
    // Dependencies come first in the plan, so apply can run it top to bottom.
    const order = plan.changes.map((c) => c.address);
    expect(order.indexOf(account)).toBeLessThan(order.indexOf("development/iam/role/DeployPipeline"));
    expect(order.indexOf("development/iam/role/DeployPipeline")).toBeLessThan(order.indexOf("production/iam/role/ProductionDeployer"));
  });
});

describe("example 4: multi-account landing", () => {
  const example = "examples/4-multi-account-landing";
  const sandbox = withExample(example);

  it("creates administrator and read-only in each member account, trusting management with MFA", async () => {
    const { code, plan } = await planJson(sandbox.emulator(), example);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(
      [
        `create ${MGMT}/unit/Workloads`,
        `create ${MGMT}/unit/Workloads/Dev`,
        `create ${MGMT}/unit/Workloads/Prod`,
        `update ${MGMT}/account/development`,
        `update ${MGMT}/account/production`,
        "create development/iam/role/administrator",
        "create development/iam/role/read-only",
        "create production/iam/role/administrator",
        "create production/iam/role/read-only",
      ].sort(),
    );
    const mfa = { Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } };
    for (const account of ["development", "production"]) {
      const admin = role(plan, `${account}/iam/role/administrator`);
      expect(admin.assumeRolePolicy.Statement).toEqual([allow({ AWS: ["arn:aws:iam::111111111111:root"] }, mfa)]);
      expect(admin).toMatchObject({ managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"], maxSessionDuration: 43200, tags: { team: "platform", ...managed("examples/4-multi-account-landing") } });
      const readOnly = role(plan, `${account}/iam/role/read-only`);
      expect(readOnly.assumeRolePolicy.Statement).toEqual([allow({ AWS: ["arn:aws:iam::111111111111:root"] }, mfa)]);
      expect(readOnly).toMatchObject({ managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], maxSessionDuration: 3600, tags: managed("examples/4-multi-account-landing") });
    }
    expect(changeAt(plan, `${MGMT}/unit/Workloads`).after).toEqual({ path: "Workloads", name: "Workloads", parent: null, tags: { owner: "platform" } });
    // Never the access role orgctl itself uses, even with prune on.
    expect(plan.changes.some((c) => c.name === "OrganizationAccountAccessRole")).toBe(false);
  });

  it("renders text and markdown with the summary", async () => {
    await expectRenders(sandbox, example, "Plan: 7 to create, 2 to update.", [
      "| development | 2 | 0 | 0 | 0 | 0 | 0 |",
      "| management | 3 | 2 | 0 | 0 | 0 | 0 |",
      "| production | 2 | 0 | 0 | 0 | 0 | 0 |",
    ]);
  });
});

describe("example 5: CI/CD fan-out over 54 accounts", () => {
  const example = "examples/5-cicd-fanout";
  const sandbox = withExample(example);
  const teams = ["payments", "search", "identity", "catalog", "billing", "shipping", "reviews", "pricing", "inventory", "analytics"];
  const workloads = teams.flatMap((t) => [`${t}-dev`, `${t}-staging`, `${t}-prod`]);
  const sandboxes = Array.from({ length: 24 }, (_, i) => `sandbox-${String(i + 1).padStart(2, "0")}`);
  const prod = teams.map((t) => `${t}-prod`);

  it("creates the deployer in every workload and sandbox account, the prod reader in prod only, and the pipeline", async () => {
    const { code, plan } = await planJson(sandbox.emulator(), example);
    expect(code).toBe(2);
    expect(actions(plan)).toEqual(
      [
        ...["Deployments", "Sandbox", "Workloads", "Workloads/NonProd", "Workloads/Prod"].map((u) => `create ${MGMT}/unit/${u}`),
        ...["cicd", ...workloads, ...sandboxes].map((a) => `update ${MGMT}/account/${a}`),
        ...[...workloads, ...sandboxes].map((a) => `create ${a}/iam/role/cicd-deployer`),
        ...prod.map((a) => `create ${a}/iam/role/cicd-prod-readonly`),
        "create cicd/iam/role/pipeline",
      ].sort(),
    );
    expect(plan.changes.filter((c) => c.action !== "noop")).toHaveLength(125);
    for (const address of ["sandbox-07/iam/role/cicd-deployer", "search-prod/iam/role/cicd-prod-readonly"]) {
      const change = changeAt(plan, address);
      expect((change.after as RoleResource).assumeRolePolicy.Statement).toEqual([allow({ AWS: ["arn:aws:iam::123450987612:role/pipeline"] })]);
      expect(change.dependsOn).toEqual(["cicd/iam/role/pipeline"]);
    }
    expect(changeAt(plan, `${MGMT}/account/search-staging`).after).toMatchObject({ unit: "Workloads/NonProd", tags: { team: "search", env: "staging" } });
  });

  it("gives the pipeline sts:AssumeRole on exactly the 64 roles that trust it (the grant), by ARN: no wildcard", async () => {
    const { plan, stdout } = await planJson(sandbox.emulator(), example);
    const ids = new Map(sandbox.desired().accounts.map((a) => [a.key, a.id]));
    const expected = [...[...workloads, ...sandboxes].map((a) => `arn:aws:iam::${ids.get(a)}:role/cicd-deployer`), ...prod.map((a) => `arn:aws:iam::${ids.get(a)}:role/cicd-prod-readonly`)].sort();
    const pipeline = changeAt(plan, "cicd/iam/role/pipeline");
    expect((pipeline.after as RoleResource).inlinePolicies).toEqual({
      "orgctl-grants": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: expected }] },
    });
    expect(words(pipeline)).toEqual(["grant: may assume cicd-deployer in 54 accounts, cicd-prod-readonly in 10 accounts (trust with grant: true)"]);
    expect(stdout).not.toContain("*:role");
  });

  it("renders text and markdown with the summary", async () => {
    await expectRenders(sandbox, example, "Plan: 70 to create, 55 to update.", [
      "| management | 5 | 55 | 0 | 0 | 0 | 0 |",
      "| cicd | 1 | 0 | 0 | 0 | 0 | 0 |",
      "| payments-prod | 2 | 0 | 0 | 0 | 0 | 0 |",
      "| sandbox-24 | 1 | 0 | 0 | 0 | 0 | 0 |",
    ]);
  });
});
