// An application in several regions (`regions: [...]`): one application per region, each
// address naming its region; and prune, told the regions the organization uses
// (settings.regions), finds the managed application left in a region the YAML dropped.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ListApplicationsCommand } from "@aws-sdk/client-appconfig";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { actions, clientIn, orgctl, planJson } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";
import { BASE, diagnose, fixture } from "./config-fixture.js";

const CONFIG = "222222222222";
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-appconfig-regions-"));

function writeDesired(app: string, settings = "settings: { region: eu-west-1 }"): string {
  const lines = [
    settings,
    'organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole, units: { Deployments: {} } }',
    "accounts:",
    '  management: { id: "111111111111", email: aws+mgmt@example.com }',
    `  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments }`,
    "appconfig:",
    "  Shop:",
    "    account: config",
    `    ${app}`,
    "    environments: [production]",
    "    profiles:",
    "      Settings:",
    "        versions: { v1: { content: { release: v1 } } }",
    "        deploy: { production: { version: v1 } }",
  ];
  writeFileSync(path.join(dir, "orgctl.yaml"), lines.join("\n") + "\n");
  return path.join(dir, "orgctl.yaml");
}

describe("AppConfig applications in several regions", () => {
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

  const names = async (region: string) => {
    const client = await clientIn(handle, "appconfig", CONFIG, region);
    return (await client.send(new ListApplicationsCommand({}))).Items!.map((a) => a.Name);
  };

  it("creates the application in each region, then plans to zero", async () => {
    const both = writeDesired("regions: [eu-west-1, us-east-1]");
    const { plan } = await planJson(handle, both);
    expect(actions(plan).filter((a) => a.includes("/application/"))).toEqual(["create config/appconfig/application/eu-west-1/Shop", "create config/appconfig/application/us-east-1/Shop"]);
    expect(actions(plan).filter((a) => a.includes("/deployment/"))).toEqual([
      "deploy config/appconfig/deployment/eu-west-1/Shop/production/Settings",
      "deploy config/appconfig/deployment/us-east-1/Shop/production/Settings",
    ]);
    const applied = await orgctl(handle, "apply", both, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
    expect(await names("eu-west-1")).toEqual(["Shop"]);
    expect(await names("us-east-1")).toEqual(["Shop"]);
    expect((await orgctl(handle, "plan", both)).code).toBe(0);
  });

  it("with prune and settings.regions, the application left in a dropped region is deleted", async () => {
    const unread = writeDesired("region: eu-west-1", "settings: { region: eu-west-1, prune: true }");
    // Without settings.regions, us-east-1 is not read for this desired state: nothing to prune there.
    expect(actions((await planJson(handle, unread)).plan)).toEqual([]);

    const one = writeDesired("region: eu-west-1", "settings: { region: eu-west-1, prune: true, regions: [eu-west-1, us-east-1] }");
    expect(actions((await planJson(handle, one)).plan)).toEqual(["delete config/appconfig/application/us-east-1/Shop"]);
    const applied = await orgctl(handle, "apply", one, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
    expect(await names("us-east-1")).toEqual([]);
    expect(await names("eu-west-1")).toEqual(["Shop"]);
    expect((await orgctl(handle, "plan", one)).code).toBe(0);
  });

  it("refuses region and regions together", async () => {
    const r = await diagnose(await fixture({ "orgctl.yaml": `${BASE}appconfig:\n  App:\n    account: development\n    region: eu-west-1\n    regions: [us-east-1]\n` }));
    expect(r.errorLines).toEqual(['orgctl.yaml:13:5: application App has both "region" and "regions": give one']);
  });
});
