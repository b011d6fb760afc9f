// End to end: seed an organization by hand (as someone would have built it in the
// console), `orgctl import` it, and check that the result validates and plans to
// nothing but the adopt changes; once adopted (tagged), to nothing at all.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { clientFor, envFor, withEmulator, type EmulatorHandle, type Keys } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/index.js";

const MGMT = "111111111111";
const CONFIG = "222222222222";
const DEV = "333333333333";
const PROD = "444444444444";
const REGION = "eu-west-1";
const CLI = path.resolve("dist/orgctl.mjs");

const trust = (principal: object, condition?: object) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
});
const adminTrust = trust({ AWS: `arn:aws:iam::${MGMT}:root` }, { Bool: { "aws:MultiFactorAuthPresent": "true" } });
// Not sugar: orgctl's trust sugar has no source-IP condition, so this must stay raw.
const rawTrust = trust({ AWS: MGMT }, { IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } });
// Characters URL-encoding changes, so the import must decode what IAM returns.
const readConfig = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: ["appconfig:GetLatestConfiguration", "appconfig:StartConfigurationSession"], Resource: "arn:aws:appconfig:*:*:application/a+b&c%20d/é \"x\"" }],
};
const schema = JSON.stringify({ type: "object", properties: { limit: { type: "integer" } }, required: ["limit"] });
const v1 = '{"limit":5}';
const v2 = JSON.stringify({ limit: 10 }, null, 2);

function catalog() {
  return {
    Name: "Catalog",
    environments: ["production"],
    profiles: [{ Name: "Items", versions: [{ content: '{"items":3}', contentType: "application/json", description: "v1" }] }],
    deployments: [{ environment: "production", profile: "Items", version: 1, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" }],
  };
}

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Deployments" }, { path: "Workloads", tags: { owner: "platform" } }, { path: "Workloads/Dev" }, { path: "Workloads/Prod", tags: { env: "prod" } }],
    accounts: [
      { id: MGMT, name: "Management", email: "aws+mgmt@example.com" },
      { id: CONFIG, name: "Shared Config", email: "aws+config@example.com", unit: "Deployments" },
      { id: DEV, name: "Development", email: "aws+dev@example.com", unit: "Workloads/Dev", tags: { env: "dev" } },
      { id: PROD, name: "Production", email: "aws+prod@example.com", unit: "Workloads/Prod", tags: { env: "prod" } },
    ],
  },
  iam: {
    accounts: {
      [MGMT]: {
        roles: [
          { RoleName: "ci-admin", AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${MGMT}:root` }), ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
          { RoleName: "auditor", AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${MGMT}:root` }), ManagedPolicyArns: ["arn:aws:iam::aws:policy/SecurityAudit"] },
        ],
      },
      [DEV]: {
        policies: [{ PolicyName: "read-catalog", Path: "/ops/", Description: "Catalog reads", Document: readConfig }],
        roles: [
          { RoleName: "administrator", MaxSessionDuration: 43200, AssumeRolePolicyDocument: adminTrust, ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], Tags: [{ Key: "team", Value: "platform" }] },
          {
            RoleName: "break-glass",
            Description: "From the office only",
            AssumeRolePolicyDocument: rawTrust,
            ManagedPolicyArns: ["arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"],
            // A customer managed policy as the boundary: both must round-trip.
            PermissionsBoundary: `arn:aws:iam::${DEV}:policy/ops/read-catalog`,
          },
          { RoleName: "AppRunnerInstanceRole", AssumeRolePolicyDocument: trust({ Service: "tasks.apprunner.amazonaws.com" }), InlinePolicies: { "read-config": readConfig } },
          { RoleName: "AWSServiceRoleForSupport", Path: "/aws-service-role/support.amazonaws.com/", AssumeRolePolicyDocument: trust({ Service: "support.amazonaws.com" }) },
        ],
      },
      [PROD]: {
        roles: [
          { RoleName: "administrator", MaxSessionDuration: 43200, AssumeRolePolicyDocument: adminTrust, ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], Tags: [{ Key: "team", Value: "platform" }] },
          {
            RoleName: "ProductionDeployer",
            Path: "/deploy/",
            AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${DEV}:role/AppRunnerInstanceRole` }, { StringEquals: { "sts:ExternalId": "release-7f3a" } }),
            ManagedPolicyArns: ["arn:aws:iam::aws:policy/AWSCodeDeployDeployerAccess"],
          },
        ],
      },
    },
  },
  appconfig: {
    accounts: {
      [CONFIG]: {
        // The same Catalog in two regions; Edge differs between them.
        "us-west-2": { applications: [catalog(), { Name: "Edge", environments: ["production"] }] },
        "eu-central-1": { applications: [catalog(), { Name: "Edge", environments: ["staging"] }] },
        [REGION]: {
          applications: [
            {
              Name: "ListServices",
              Description: "Feature settings",
              environments: [{ Name: "development", Tags: { stage: "dev" } }, "production"],
              profiles: [
                {
                  Name: "Limits",
                  Validators: [{ Type: "JSON_SCHEMA", Content: schema }],
                  versions: [
                    { content: v1, contentType: "application/json" },
                    { content: v2, contentType: "application/json", description: "bigger limit" },
                  ],
                },
              ],
              deployments: [
                { environment: "production", profile: "Limits", version: 1, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" },
                { environment: "development", profile: "Limits", version: 2, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" },
              ],
            },
          ],
        },
      },
    },
  },
};

const emulator = withEmulator({ snapshot });

/** Async: the emulator runs in this process, so a synchronous spawn would deadlock. */
function orgctl(e: EmulatorHandle, args: string[], cwd = process.cwd(), keys?: Keys): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...envFor(e, keys) }, encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function planJson(e: EmulatorHandle, dir: string) {
  const r = await orgctl(e, ["plan", dir, "--format", "json"]);
  const plan = JSON.parse(r.stdout) as { changes: { action: string; address: string }[]; conflicts: unknown[] };
  return { code: r.code, plan, real: plan.changes.filter((c) => c.action !== "noop") };
}

describe("orgctl import", () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-import-")), "imported");

  it("writes a desired state with sugar where it fits, raw trust elsewhere, and AppConfig content files", async () => {
    const r = await orgctl(emulator(), ["import", "--out", out, "--appconfig", "--region", REGION]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["appconfig", "orgctl.yaml", "policies.yaml", "roles.yaml", "schemas"]);
    expect(parse(readFileSync(path.join(out, "policies.yaml"), "utf8")).policies).toEqual([
      { name: "read-catalog", in: { accounts: ["development"] }, path: "/ops/", description: "Catalog reads", document: readConfig, adopt: true },
    ]);

    const rootText = readFileSync(path.join(out, "orgctl.yaml"), "utf8");
    expect(rootText.split("\n")[0]).toBe("# yaml-language-server: $schema=schemas/orgctl.schema.json");
    const root = parse(rootText);
    expect(root.organization).toEqual({
      managementAccount: MGMT,
      accessRole: "OrganizationAccountAccessRole",
      units: { Deployments: {}, Workloads: { tags: { owner: "platform" }, units: { Dev: {}, Prod: { tags: { env: "prod" } } } } },
    });
    expect(root.accounts).toEqual({
      management: { id: MGMT, name: "Management", email: "aws+mgmt@example.com" },
      development: { id: DEV, name: "Development", email: "aws+dev@example.com", unit: "Workloads/Dev", tags: { env: "dev" } },
      production: { id: PROD, name: "Production", email: "aws+prod@example.com", unit: "Workloads/Prod", tags: { env: "prod" } },
      "shared-config": { id: CONFIG, name: "Shared Config", email: "aws+config@example.com", unit: "Deployments" },
    });

    const roles = parse(readFileSync(path.join(out, "roles.yaml"), "utf8")).roles;
    expect(roles).toEqual([
      { name: "administrator", in: { accounts: ["development", "production"] }, trust: { accounts: ["management"], requireMfa: true }, managedPolicies: ["AdministratorAccess"], maxSessionDuration: 43200, tags: { team: "platform" }, adopt: true },
      { name: "AppRunnerInstanceRole", in: { accounts: ["development"] }, trust: { services: ["tasks.apprunner.amazonaws.com"] }, inlinePolicies: { "read-config": readConfig }, adopt: true },
      { name: "auditor", in: { accounts: ["management"] }, trust: { accounts: ["management"] }, managedPolicies: ["SecurityAudit"], adopt: true },
      {
        name: "break-glass",
        in: { accounts: ["development"] },
        description: "From the office only",
        assumeRolePolicy: rawTrust,
        managedPolicies: ["ViewOnlyAccess"],
        permissionsBoundary: `arn:aws:iam::${DEV}:policy/ops/read-catalog`,
        adopt: true,
      },
      { name: "ci-admin", in: { accounts: ["management"] }, trust: { accounts: ["management"] }, managedPolicies: ["AdministratorAccess"], adopt: true },
      { name: "ProductionDeployer", in: { accounts: ["production"] }, path: "/deploy/", trust: { roles: ["development/AppRunnerInstanceRole"], externalId: "release-7f3a" }, managedPolicies: ["AWSCodeDeployDeployerAccess"], adopt: true },
    ]);

    const appText = readFileSync(path.join(out, "appconfig/listservices.yaml"), "utf8");
    expect(appText.split("\n")[0]).toBe("# yaml-language-server: $schema=../schemas/orgctl.schema.json");
    expect(parse(appText).appconfig.ListServices).toEqual({
      account: "shared-config",
      region: REGION,
      description: "Feature settings",
      adopt: true,
      environments: { development: { tags: { stage: "dev" } }, production: {} },
      profiles: {
        Limits: {
          validators: [{ jsonSchema: "listservices/limits/schema.json" }],
          versions: { v1: { file: "listservices/limits/v1.json" }, v2: { file: "listservices/limits/v2.json" } },
          deploy: { development: { version: "v2" }, production: { version: "v1" } },
        },
      },
    });
    expect(readFileSync(path.join(out, "appconfig/listservices/limits/v1.json"), "utf8")).toBe(v1);
    expect(readFileSync(path.join(out, "appconfig/listservices/limits/v2.json"), "utf8")).toBe(v2);
    expect(readFileSync(path.join(out, "appconfig/listservices/limits/schema.json"), "utf8")).toBe(schema);
  });

  it("validates, plans only adopt changes, and plans nothing once they are adopted", async () => {
    const e = emulator();
    const validate = await orgctl(e, ["validate", out]);
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);

    const first = await planJson(e, out);
    expect(first.plan.conflicts).toEqual([]);
    expect(first.real.map((c) => `${c.action} ${c.address}`).sort()).toEqual([
      "adopt development/iam/managed-policy/read-catalog",
      "adopt development/iam/role/AppRunnerInstanceRole",
      "adopt development/iam/role/administrator",
      "adopt development/iam/role/break-glass",
      "adopt management/iam/role/auditor",
      "adopt management/iam/role/ci-admin",
      "adopt production/iam/role/ProductionDeployer",
      "adopt production/iam/role/administrator",
      `adopt shared-config/appconfig/application/${REGION}/ListServices`,
    ]);
    expect(first.code).toBe(2);

    const apply = await orgctl(e, ["apply", out, "--auto-approve", "--audit-log", path.join(path.dirname(out), "audit.jsonl")]);
    expect(apply.code).toBe(0);
    expect(apply.stderr.match(/\(adopt\)/g)).toHaveLength(9);
    const second = await planJson(e, out);
    expect(second.real).toEqual([]);
    expect(second.code).toBe(0);
  });

  it("reads every region given: the same application in several is one entry with regions, and round-trips", async () => {
    const e = emulator();
    const dir = path.join(path.dirname(out), "regions");
    const r = await orgctl(e, ["import", "--out", dir, "--accounts", "shared-config", "--roles", "none", "--appconfig", "--region", "us-west-2", "--appconfig-regions", "us-west-2,eu-central-1"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("note: application Edge in shared-config, eu-central-1 left out: it differs from the one in us-west-2, and one name is one application\n");
    expect(parse(readFileSync(path.join(dir, "orgctl.yaml"), "utf8")).settings).toEqual({ prune: false, region: "us-west-2", regions: ["us-west-2", "eu-central-1"], owner: "import" });
    const catalogYaml = parse(readFileSync(path.join(dir, "appconfig/catalog.yaml"), "utf8")).appconfig.Catalog;
    expect(catalogYaml).toMatchObject({ account: "shared-config", regions: ["us-west-2", "eu-central-1"], adopt: true });
    expect(catalogYaml.region).toBeUndefined();

    const first = await planJson(e, dir);
    expect(first.real.map((c) => `${c.action} ${c.address}`).sort()).toEqual([
      "adopt shared-config/appconfig/application/eu-central-1/Catalog",
      "adopt shared-config/appconfig/application/us-west-2/Catalog",
      "adopt shared-config/appconfig/application/us-west-2/Edge",
    ]);
    const apply = await orgctl(e, ["apply", dir, "--auto-approve", "--audit-log", path.join(path.dirname(out), "audit-regions.jsonl")]);
    expect(apply.code).toBe(0);
    expect((await planJson(e, dir)).real).toEqual([]);
  });

  it("imports only the selected accounts and matching roles, and refuses to overwrite", async () => {
    const e = emulator();
    const dir = path.join(path.dirname(out), "selected");
    const r = await orgctl(e, ["import", "--out", dir, "--accounts", "production", "--roles", "admin*"]);
    expect(r.code).toBe(0);
    const roles = parse(readFileSync(path.join(dir, "roles.yaml"), "utf8")).roles;
    expect(roles.map((x: { name: string; in: unknown }) => [x.name, x.in])).toEqual([["administrator", { accounts: ["production"] }]]);
    expect(readdirSync(dir)).not.toContain("appconfig");

    const again = await orgctl(e, ["import", "--out", dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error: ${dir} is not empty; import writes a new desired state into an empty or new directory\n`);

    // Run as a role in the management account: import leaves its own role out (the plan would refuse to touch it).
    const { Credentials: c } = await clientFor(e, "sts").send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MGMT}:role/ci-admin`, RoleSessionName: "ci" }));
    const asRole = await orgctl(e, ["import", "--out", path.join(path.dirname(out), "as-role"), "--accounts", MGMT], process.cwd(), {
      accessKeyId: c!.AccessKeyId!,
      secretAccessKey: c!.SecretAccessKey!,
      sessionToken: c!.SessionToken!,
    });
    expect(asRole.code).toBe(0);
    const asRoleRoles = parse(readFileSync(path.join(path.dirname(out), "as-role", "roles.yaml"), "utf8")).roles;
    expect(asRoleRoles.map((x: { name: string }) => x.name)).toEqual(["auditor"]);

    const unknown = await orgctl(e, ["import", "--out", path.join(dir, "x"), "--accounts", "staging"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^Error: --accounts: "staging" is neither an account id nor a key of this organization/);
  });
});
