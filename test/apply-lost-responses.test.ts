// Lost responses: AWS committed a call, its answer never arrived, and orgctl (or the SDK)
// tries again. Every non-idempotent operation must find its own earlier effect instead of
// duplicating it or failing on it, and two live AppConfig resources with one name are a
// conflict the plan names, never a silent pick.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CreateApplicationCommand,
  CreateEnvironmentCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListDeploymentsCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { ListAccountsCommand, ListCreateAccountStatusCommand } from "@aws-sdk/client-organizations";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle, type FaultConfig } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { clientFor } from "./helpers/emulator.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";
import type { Plan } from "../src/engine/types.js";

const CONFIG = "222222222222";
const SHOP = [
  "organization: { managementAccount: \"111111111111\", accessRole: OrganizationAccountAccessRole, units: { Deployments: {} } }",
  "accounts:",
  "  management: { id: \"111111111111\", email: aws+mgmt@example.com }",
  `  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments }`,
  "appconfig:",
  "  Shop:",
  "    account: config",
  "    region: eu-west-1",
  "    environments: [development, production]",
  "    profiles:",
  "      Settings:",
  "        versions:",
  "          v1: { content: { release: v1 } }",
  "        deploy:",
  "          development: { version: v1, strategy: AppConfig.AllAtOnce }",
  "          production: { version: v1, strategy: AppConfig.AllAtOnce }",
];

const ROLE = [
  "organization: { managementAccount: \"111111111111\", accessRole: OrganizationAccountAccessRole, units: {} }",
  "accounts:",
  "  management: { id: \"111111111111\", email: aws+mgmt@example.com }",
  "roles:",
  "  - name: reader",
  "    in: { accounts: [management] }",
  "    trust: { accounts: [management] }",
];

// One folder for the file's tests: an edited YAML is the same desired state (the same
// owner of what it creates), as in a repository.
const yamlDir = mkdtempSync(path.join(tmpdir(), "orgctl-lost-"));

function writeYaml(lines: string[]): string {
  const file = path.join(yamlDir, "orgctl.yaml");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

let handle: EmulatorHandle | undefined;
afterEach(async () => {
  await handle?.stop();
  handle = undefined;
});

async function organization(): Promise<EmulatorHandle> {
  handle = await startEmulator({
    // AllAtOnce bakes for 10 emulated minutes: 1 s here.
    timeScale: 600,
    snapshot: {
      formatVersion: 1,
      organizations: {
        managementAccountId: "111111111111",
        accounts: [
          { id: "111111111111", name: "management", email: "aws+mgmt@example.com" },
          { id: CONFIG, name: "config", email: "aws+config@example.com", accessRole: "OrganizationAccountAccessRole" },
        ],
      },
    },
  });
  return handle;
}

function loseFirst(operation: string, first: number, answer: "drop" | "5xx" = "drop"): FaultConfig {
  return { rules: [{ service: "*", operation, rate: 1, first, kind: "lose-response", answer }] };
}

async function apply(h: EmulatorHandle, file: string) {
  return orgctl(h, "apply", file, "--auto-approve", "--audit-log", auditFile());
}

async function shop(client: AppConfigClient) {
  const apps = (await client.send(new ListApplicationsCommand({}))).Items!.filter((a) => a.Name === "Shop");
  if (apps.length !== 1) return { applications: apps.length };
  const appId = apps[0]!.Id!;
  const envs = (await client.send(new ListEnvironmentsCommand({ ApplicationId: appId }))).Items!;
  const profiles = (await client.send(new ListConfigurationProfilesCommand({ ApplicationId: appId }))).Items!;
  if (profiles.length !== 1) return { applications: 1, environments: envs.map((e) => e.Name).sort(), profiles: profiles.map((p) => p.Name).sort() };
  const versions = (await client.send(new ListHostedConfigurationVersionsCommand({ ApplicationId: appId, ConfigurationProfileId: profiles[0]!.Id }))).Items!;
  const deployments: Record<string, number> = {};
  for (const env of envs) {
    deployments[env.Name!] = (await client.send(new ListDeploymentsCommand({ ApplicationId: appId, EnvironmentId: env.Id }))).Items!.length;
  }
  return {
    applications: apps.length,
    environments: envs.map((e) => e.Name).sort(),
    profiles: profiles.map((p) => p.Name).sort(),
    versions: versions.map((v) => v.VersionNumber),
    deployments,
  };
}

const CONVERGED = { applications: 1, environments: ["development", "production"], profiles: ["Settings"], versions: [1], deployments: { development: 1, production: 1 } };

describe("apply: lost responses", () => {
  it.each([
    ["CreateApplication", "drop"],
    ["CreateApplication", "5xx"],
    ["CreateEnvironment", "drop"],
    ["CreateConfigurationProfile", "5xx"],
  ] as const)("a lost %s answer (%s) creates nothing twice", async (operation, answer) => {
    const h = await organization();
    const file = writeYaml(SHOP);
    h.setFaults(loseFirst(operation, 1, answer));

    const result = await apply(h, file);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Apply complete");
    expect(h.world.calls.filter((c) => c.operation === operation && c.status !== 201 && c.status !== 200)).toHaveLength(1);
    h.setFaults({});
    expect(await shop(await clientIn(h, "appconfig", CONFIG, "eu-west-1"))).toEqual(CONVERGED);
    expect((await orgctl(h, "plan", file)).code).toBe(0);
  });

  it("a lost CreateHostedConfigurationVersion answer finds its own version", async () => {
    const h = await organization();
    const file = writeYaml(SHOP);
    h.setFaults(loseFirst("CreateHostedConfigurationVersion", 1));

    const result = await apply(h, file);

    expect(result.stderr + result.stdout).not.toContain("LatestVersionNumber");
    expect(result.code).toBe(0);
    h.setFaults({});
    expect(await shop(await clientIn(h, "appconfig", CONFIG, "eu-west-1"))).toEqual(CONVERGED);
    expect((await orgctl(h, "plan", file)).code).toBe(0);
  });

  it("a lost StartDeployment answer recognises its own deployment instead of reporting the environment busy", async () => {
    const h = await organization();
    const file = writeYaml(SHOP);
    h.setFaults(loseFirst("StartDeployment", 2));

    const result = await apply(h, file);

    expect(result.stdout).not.toContain("busy");
    expect(result.code).toBe(0);
    h.setFaults({});
    expect(await shop(await clientIn(h, "appconfig", CONFIG, "eu-west-1"))).toEqual(CONVERGED);
    expect((await orgctl(h, "plan", file)).code).toBe(0);
  });

  it("a lost CreateAccount answer finds the account instead of failing on EMAIL_ALREADY_EXISTS", async () => {
    const h = await organization();
    const file = writeYaml([
      "organization: { managementAccount: \"111111111111\", accessRole: OrganizationAccountAccessRole, units: { Workloads: {} } }",
      "accounts:",
      "  management: { id: \"111111111111\", email: aws+mgmt@example.com }",
      "  development: { email: aws+new-dev@example.com, unit: Workloads }",
    ]);
    h.setFaults(loseFirst("CreateAccount", 1));

    const result = await apply(h, file);

    expect(result.stdout).not.toContain("EMAIL_ALREADY_EXISTS");
    expect(result.code).toBe(0);
    h.setFaults({});
    const org = clientFor(h, "organizations");
    const accounts = (await org.send(new ListAccountsCommand({}))).Accounts!.filter((a) => a.Email === "aws+new-dev@example.com");
    const requests = (await org.send(new ListCreateAccountStatusCommand({}))).CreateAccountStatuses!.map((s) => s.State);
    org.destroy();
    expect(accounts).toHaveLength(1);
    expect(requests).toEqual(["SUCCEEDED"]);
    expect((await orgctl(h, "plan", file)).code).toBe(0);
  });
});

describe("apply: IAM eventual consistency after a lost CreateRole answer", () => {
  it("gives up with a deadline naming what it waited for, instead of alternating create and converge for ever", async () => {
    const h = await organization();
    const file = writeYaml(ROLE);
    h.setFaults({
      rules: [
        { service: "iam", operation: "CreateRole", rate: 1, first: 1, kind: "lose-response" },
        // CreateRole now says the role exists; GetRole cannot see it yet.
        { service: "iam", operation: "GetRole", rate: 1, kind: "error", error: { code: "NoSuchEntity", status: 404, message: "The role with name reader cannot be found." } },
      ],
    });

    const result = await apply(h, file);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /management\/iam\/role\/reader \(create\): gave up waiting for role reader to be readable \(CreateRole says it exists; IAM is eventually consistent\) after \d+s: NoSuchEntity/,
    );
    expect(h.world.calls.filter((c) => c.operation === "CreateRole").map((c) => c.status)).toEqual([0, 409]);
    h.setFaults({});
    expect((await apply(h, file)).code).toBe(0);
    expect((await orgctl(h, "plan", file)).code).toBe(0);
  });
});

describe("plan: two live AppConfig applications with one name", () => {
  it("is a conflict naming both ids, exit 1, not a pick", async () => {
    const h = await organization();
    const file = writeYaml(SHOP);
    const client = await clientIn(h, "appconfig", CONFIG, "eu-west-1");
    const a = await client.send(new CreateApplicationCommand({ Name: "Shop", Tags: { "orgctl:managed": "true" } }));
    const b = await client.send(new CreateApplicationCommand({ Name: "Shop" }));

    const result = await orgctl(h, "plan", file, "--format", "json");

    expect(result.code).toBe(1);
    // A conflict at the application's address; the account itself was read.
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.errors).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        address: "config/appconfig/application/eu-west-1/Shop",
        message: `AppConfig application name Shop (account ${CONFIG}, eu-west-1) is used by 2 applications: ${a.Id}, ${b.Id}; orgctl cannot tell which one is meant: delete or rename all but one`,
      },
    ]);
    expect(plan.changes.filter((c) => c.address.includes("/Shop")).map((c) => c.address)).toEqual([]);
  });

  it("two environments with one name in the application are a conflict at the application's address naming both ids; the rest of the account is planned", async () => {
    const h = await organization();
    const file = writeYaml([...SHOP, "  Other:", "    account: config", "    region: eu-west-1", "    environments: [development]"]);
    const client = await clientIn(h, "appconfig", CONFIG, "eu-west-1");
    const app = await client.send(new CreateApplicationCommand({ Name: "Shop", Tags: { "orgctl:managed": "true" } }));
    const a = await client.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: "development" }));
    const b = await client.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: "development" }));

    const result = await orgctl(h, "plan", file, "--format", "json");

    expect(result.code).toBe(1);
    const plan = JSON.parse(result.stdout) as Plan;
    expect(plan.errors).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        address: "config/appconfig/application/eu-west-1/Shop",
        message: `AppConfig environment name development (application Shop, account ${CONFIG}, eu-west-1) is used by 2 environments: ${a.Id}, ${b.Id}; orgctl cannot tell which one is meant: delete or rename all but one`,
      },
    ]);
    expect(plan.changes.filter((c) => c.address.includes("/Shop")).map((c) => c.address)).toEqual([]);
    expect(plan.changes.filter((c) => c.service === "appconfig").map((c) => `${c.action} ${c.address}`)).toEqual([
      "create config/appconfig/application/eu-west-1/Other",
      "create config/appconfig/environment/eu-west-1/Other/development",
    ]);
  });
});

describe("apply: lost answers to deletes", () => {
  const PRUNED_ENV = [
    ...SHOP.slice(0, 4),
    "settings: { prune: true }",
    ...SHOP.slice(4).map((l) => (l.includes("environments:") ? "    environments: [development]" : l)).filter((l) => !l.includes("production:")),
  ];
  const NO_PROFILE = [...SHOP.slice(0, 4), "settings: { prune: true }", ...SHOP.slice(4, SHOP.indexOf("    profiles:"))];

  it.each([
    ["DeleteEnvironment", PRUNED_ENV, ["development"]],
    ["DeleteConfigurationProfile", NO_PROFILE, ["development", "production"]],
  ] as const)("a lost %s answer is not a failure: the resource is gone, as asked", async (operation, pruned, environments) => {
    const h = await organization();
    expect((await apply(h, writeYaml(SHOP))).code).toBe(0);
    const file = writeYaml([...pruned]);
    h.setFaults(loseFirst(operation, 1));

    const result = await apply(h, file);

    expect(result.stdout).not.toContain("ResourceNotFound");
    expect(result.code).toBe(0);
    h.setFaults({});
    const client = await clientIn(h, "appconfig", CONFIG, "eu-west-1");
    const apps = (await client.send(new ListApplicationsCommand({}))).Items!.filter((a) => a.Name === "Shop");
    const envs = (await client.send(new ListEnvironmentsCommand({ ApplicationId: apps[0]!.Id }))).Items!.map((e) => e.Name);
    expect(envs).toEqual(environments);
    const profiles = (await client.send(new ListConfigurationProfilesCommand({ ApplicationId: apps[0]!.Id }))).Items!.map((p) => p.Name);
    expect(profiles).toEqual(operation === "DeleteConfigurationProfile" ? [] : ["Settings"]);
    expect((await orgctl(h, "plan", file)).code).toBe(0);
  });
});

describe("apply: every mutating call loses its first answer", () => {
  const MUTATIONS = [
    "CreateRole", "PutRolePolicy", "AttachRolePolicy", "DetachRolePolicy", "DeleteRolePolicy", "TagRole", "UntagRole", "UpdateRole",
    "UpdateAssumeRolePolicy", "DeleteRole", "CreateOrganizationalUnit", "CreateAccount", "MoveAccount", "TagResource", "UntagResource",
    "CreateApplication", "CreateEnvironment", "CreateConfigurationProfile", "CreateHostedConfigurationVersion", "StartDeployment",
    "UpdateApplication", "UpdateEnvironment", "UpdateConfigurationProfile",
  ];

  it.each([
    ["examples/1-central-appconfig", "drop"],
    ["examples/1-central-appconfig", "5xx"],
    ["examples/4-multi-account-landing", "drop"],
    ["examples/2-hub-and-spoke", "drop"],
    ["examples/3-cross-account-deploys", "5xx"],
  ] as const)("%s (answers lost by %s) applies once, and re-plans to zero", async (example, answer) => {
    const loaded = await loadDesiredState(example);
    handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!), timeScale: 600 });
    handle.setFaults({ rules: MUTATIONS.map((operation) => ({ operation, rate: 1, first: 1, kind: "lose-response" as const, answer })) });

    const result = await apply(handle, example);

    expect(result.stdout).toContain("Apply complete");
    expect(result.code).toBe(0);
    expect(handle.world.calls.filter((c) => (answer === "drop" ? c.status === 0 : c.status >= 500)).length).toBeGreaterThanOrEqual(5);
    handle.setFaults({});
    expect((await orgctl(handle, "plan", example)).code).toBe(0);
  });
});

describe("apply: one retry budget per call", () => {

  it.each([
    ["an idempotent-by-name call retried by the SDK", "CreateRole", ROLE],
    ["a non-idempotent call sent once at a time", "CreateApplication", SHOP],
  ])("%s (%s) that always fails with a 5xx is attempted 5 times in all, not 5 x 5", async (_, operation, yaml) => {
    const h = await organization();
    const file = writeYaml(yaml);
    h.setFaults({ rules: [{ service: "*", operation, rate: 1, kind: "5xx" }] });

    const result = await apply(h, file);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Failed \(1\):/m);
    expect(h.world.calls.filter((c) => c.operation === operation).map((c) => c.status >= 500)).toEqual([true, true, true, true, true]);
  });
});
