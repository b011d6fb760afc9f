// Custom deployment strategies as resources: declared in the YAML, created before the
// deployments that use them, updated in place, refused when ReplicateTo would change, and
// deleted by prune once undeclared.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ListDeploymentStrategiesCommand, ListTagsForResourceCommand } from "@aws-sdk/client-appconfig";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { actions, changeAt, clientIn, orgctl, planJson } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const CONFIG = "222222222222";
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-appconfig-strategies-"));
const STRATEGY = "config/appconfig/strategy/eu-west-1/Gradual";

function writeDesired(strategy: string | undefined, deployWith: string): string {
  const lines = [
    "settings: { region: eu-west-1, prune: true }",
    'organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole, units: { Deployments: {} } }',
    "accounts:",
    '  management: { id: "111111111111", email: aws+mgmt@example.com }',
    `  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments }`,
    ...(strategy ? ["deploymentStrategies:", `  Gradual: { account: config, ${strategy} }`] : []),
    "appconfig:",
    "  Shop:",
    "    account: config",
    "    environments: [production]",
    "    profiles:",
    "      Settings:",
    "        versions: { v1: { content: { release: v1 } } }",
    `        deploy: { production: { version: v1, strategy: ${deployWith} } }`,
  ];
  writeFileSync(path.join(dir, "orgctl.yaml"), lines.join("\n") + "\n");
  return path.join(dir, "orgctl.yaml");
}

describe("custom deployment strategies", () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await startEmulator({
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
  });
  afterAll(async () => {
    await handle?.stop();
  });

  const custom = async () => {
    const client = await clientIn(handle, "appconfig", CONFIG, "eu-west-1");
    return (await client.send(new ListDeploymentStrategiesCommand({}))).Items!.filter((s) => !s.Id!.startsWith("AppConfig."));
  };

  it("creates the strategy before the deployment that uses it, then plans to zero", async () => {
    const desired = writeDesired("durationMinutes: 4, growthFactor: 25, finalBakeTimeMinutes: 2", "Gradual");
    const { plan } = await planJson(handle, desired);
    expect(plan.conflicts).toEqual([]);
    expect(actions(plan)).toContain(`create ${STRATEGY}`);
    expect(changeAt(plan, "config/appconfig/deployment/eu-west-1/Shop/production/Settings").dependsOn).toContain(STRATEGY);
    expect(changeAt(plan, STRATEGY).after).toEqual({
      name: "Gradual",
      region: "eu-west-1",
      description: "",
      durationMinutes: 4,
      growthType: "LINEAR",
      growthFactor: 25,
      finalBakeTimeMinutes: 2,
      replicateTo: "NONE",
      tags: { "orgctl:managed": expect.any(String) },
    });
    const applied = await orgctl(handle, "apply", desired, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
    const [created] = await custom();
    expect(created).toMatchObject({ Name: "Gradual", DeploymentDurationInMinutes: 4, GrowthFactor: 25, FinalBakeTimeInMinutes: 2, ReplicateTo: "NONE" });
    const client = await clientIn(handle, "appconfig", CONFIG, "eu-west-1");
    const tags = (await client.send(new ListTagsForResourceCommand({ ResourceArn: `arn:aws:appconfig:eu-west-1:${CONFIG}:deploymentstrategy/${created!.Id}` }))).Tags;
    expect(Object.keys(tags ?? {})).toEqual(["orgctl:managed"]);
    expect((await orgctl(handle, "plan", desired)).code).toBe(0);
  });

  it("updates it in place, refuses a ReplicateTo change, and prune deletes it once undeclared", async () => {
    const slower = writeDesired("durationMinutes: 4, growthFactor: 25, finalBakeTimeMinutes: 5, growthType: EXPONENTIAL", "Gradual");
    const { plan } = await planJson(handle, slower);
    expect(actions(plan)).toEqual([`update ${STRATEGY}`]);
    expect((await orgctl(handle, "apply", slower, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect((await custom())[0]).toMatchObject({ FinalBakeTimeInMinutes: 5, GrowthType: "EXPONENTIAL" });
    expect((await orgctl(handle, "plan", slower)).code).toBe(0);

    const replicated = writeDesired("durationMinutes: 4, growthFactor: 25, finalBakeTimeMinutes: 5, growthType: EXPONENTIAL, replicateTo: SSM_DOCUMENT", "Gradual");
    expect((await planJson(handle, replicated)).plan.conflicts).toEqual([
      { address: STRATEGY, message: "deployment strategy Gradual replicates to NONE, and AppConfig cannot change that: give the strategy another name" },
    ]);

    const gone = writeDesired(undefined, "AppConfig.AllAtOnce");
    expect(actions((await planJson(handle, gone)).plan)).toEqual([`delete ${STRATEGY}`]);
    expect((await orgctl(handle, "apply", gone, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect(await custom()).toEqual([]);
  });
});
