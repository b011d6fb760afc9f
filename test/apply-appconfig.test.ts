// AppConfig through apply: v1 deployed everywhere, then v2 promoted to one environment
// only; a deployment of other content that someone else is running is stopped first, and
// nothing says "no changes" while another version rolls out.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateDeploymentStrategyCommand,
  GetHostedConfigurationVersionCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListDeploymentStrategiesCommand,
  ListDeploymentsCommand,
  ListEnvironmentsCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const CONFIG = "222222222222";
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-apply-appconfig-"));

function writeDesired(deploy: Record<string, string>, versions: string[], monitor?: string): string {
  const lines = [
    "organization: { managementAccount: \"111111111111\", accessRole: OrganizationAccountAccessRole, units: { Deployments: {} } }",
    "accounts:",
    "  management: { id: \"111111111111\", email: aws+mgmt@example.com }",
    `  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments }`,
    "appconfig:",
    "  Shop:",
    "    account: config",
    "    region: eu-west-1",
    monitor ? `    environments: { development: {}, production: { monitors: [{ alarm: "${monitor}" }] } }` : "    environments: [development, production]",
    "    profiles:",
    "      Settings:",
    "        versions:",
    ...versions.map((v) => `          ${v}: { content: { release: "${v}" } }`),
    "        deploy:",
    ...Object.entries(deploy).map(([env, v]) => `          ${env}: { version: ${v}, strategy: AppConfig.AllAtOnce }`),
  ];
  writeFileSync(path.join(dir, "orgctl.yaml"), lines.join("\n") + "\n");
  return path.join(dir, "orgctl.yaml");
}

/** Environment name → release deployed by the newest COMPLETE deployment. */
async function deployedReleases(client: AppConfigClient): Promise<Record<string, string>> {
  const app = (await client.send(new ListApplicationsCommand({}))).Items!.find((a) => a.Name === "Shop")!;
  const profile = (await client.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id }))).Items![0]!;
  const out: Record<string, string> = {};
  for (const env of (await client.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }))).Items!) {
    const done = (await client.send(new ListDeploymentsCommand({ ApplicationId: app.Id, EnvironmentId: env.Id }))).Items!.find((d) => d.State === "COMPLETE");
    if (!done) continue;
    const version = await client.send(
      new GetHostedConfigurationVersionCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id, VersionNumber: Number(done.ConfigurationVersion) }),
    );
    out[env.Name!] = (JSON.parse(Buffer.from(version.Content!).toString("utf8")) as { release: string }).release;
  }
  return out;
}

describe("apply: AppConfig", () => {
  let handle: EmulatorHandle;
  let client: AppConfigClient;
  beforeAll(async () => {
    handle = await startEmulator({
      // Fast emulated time: AllAtOnce bakes for 10 minutes (1 s here); each run stays well inside its 1-hour session.
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
    client = await clientIn(handle, "appconfig", CONFIG, "eu-west-1");
  });
  afterAll(async () => {
    client?.destroy();
    await handle?.stop();
  });

  it("deploys v1 to every environment, then promotes v2 to development only", async () => {
    const v1 = writeDesired({ development: "v1", production: "v1" }, ["v1"]);
    const first = await orgctl(handle, "apply", v1, "--auto-approve", "--audit-log", auditFile());
    expect(first.stdout).toContain("Apply complete");
    expect(first.code).toBe(0);
    expect(await deployedReleases(client)).toEqual({ development: "v1", production: "v1" });

    const v2 = writeDesired({ development: "v2", production: "v1" }, ["v1", "v2"]);
    const second = await orgctl(handle, "apply", v2, "--auto-approve", "--audit-log", auditFile());
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Applied \(2\):/m);
    expect(second.stdout).toContain("config/appconfig/version/eu-west-1/Shop/Settings/v2 (create)");
    expect(second.stdout).toContain("config/appconfig/deployment/eu-west-1/Shop/development/Settings (deploy)");
    expect(await deployedReleases(client)).toEqual({ development: "v2", production: "v1" });
    expect((await orgctl(handle, "plan", v2)).code).toBe(0);
  });

  it("stops a deployment someone started of other content, then deploys the pinned version", async () => {
    const app = (await client.send(new ListApplicationsCommand({}))).Items!.find((a) => a.Name === "Shop")!;
    const prod = (await client.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }))).Items!.find((e) => e.Name === "production")!;
    const profile = (await client.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id }))).Items![0]!;
    // Someone else starts a slow deployment (10 emulated hours) of v1 in production.
    const slow = await client.send(
      new CreateDeploymentStrategyCommand({ Name: "Slow", DeploymentDurationInMinutes: 600, GrowthFactor: 10, FinalBakeTimeInMinutes: 0, ReplicateTo: "NONE" }),
    );
    const running = await client.send(
      new StartDeploymentCommand({ ApplicationId: app.Id, EnvironmentId: prod.Id, ConfigurationProfileId: profile.Id, ConfigurationVersion: "1", DeploymentStrategyId: slow.Id }),
    );

    const v2 = writeDesired({ development: "v2", production: "v2" }, ["v1", "v2"]);
    const planned = await orgctl(handle, "plan", v2);
    expect(planned.stdout).toContain(`stop deployment #${running.DeploymentNumber} (rolling out v1), then deploy v2`);
    expect(planned.code).toBe(2);
    const result = await orgctl(handle, "apply", v2, "--auto-approve", "--audit-log", auditFile());
    expect(result.stderr).toContain(`config/appconfig/deployment/eu-west-1/Shop/production/Settings: stopped deployment #${running.DeploymentNumber}`);
    expect(result.code).toBe(0);
    expect(await deployedReleases(client)).toEqual({ development: "v2", production: "v2" });
    expect((await orgctl(handle, "plan", v2)).code).toBe(0);
  });

  it("re-pinning an older version while a newer one rolls out is a change, not 'no changes'", async () => {
    const app = (await client.send(new ListApplicationsCommand({}))).Items!.find((a) => a.Name === "Shop")!;
    const dev = (await client.send(new ListEnvironmentsCommand({ ApplicationId: app.Id }))).Items!.find((e) => e.Name === "development")!;
    const profile = (await client.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id }))).Items![0]!;
    // development runs v2; YAML gains v3 and someone starts rolling it out slowly by hand...
    const v3 = writeDesired({ development: "v3", production: "v2" }, ["v1", "v2", "v3"]);
    expect((await orgctl(handle, "apply", v3, "--auto-approve", "--no-wait", "--audit-log", auditFile())).code).toBe(0);
    const rolling = (await client.send(new ListDeploymentsCommand({ ApplicationId: app.Id, EnvironmentId: dev.Id }))).Items![0]!;
    await client.send(new StopDeploymentCommand({ ApplicationId: app.Id, EnvironmentId: dev.Id, DeploymentNumber: rolling.DeploymentNumber }));
    const slow = (await client.send(new ListDeploymentStrategiesCommand({}))).Items!.find((x) => x.Name === "Slow")!;
    const newer = await client.send(
      new StartDeploymentCommand({ ApplicationId: app.Id, EnvironmentId: dev.Id, ConfigurationProfileId: profile.Id, ConfigurationVersion: "3", DeploymentStrategyId: slow.Id }),
    );
    // ...while the YAML pins development back to v2, which is what it runs now.
    const back = writeDesired({ development: "v2", production: "v2" }, ["v1", "v2", "v3"]);
    const planned = await orgctl(handle, "plan", back);
    expect(planned.stdout).toContain(`stop deployment #${newer.DeploymentNumber} (rolling out v3)`);
    expect(planned.code).toBe(2);
    expect((await orgctl(handle, "apply", back, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const after = (await client.send(new ListDeploymentsCommand({ ApplicationId: app.Id, EnvironmentId: dev.Id }))).Items![0]!;
    expect([after.DeploymentNumber, after.State]).toEqual([newer.DeploymentNumber, "ROLLED_BACK"]);
    expect(await deployedReleases(client)).toEqual({ development: "v2", production: "v2" });
    expect((await orgctl(handle, "plan", back)).code).toBe(0);
  });

  it("a rollback by a monitor's alarm fails the apply with AppConfig's reason, waiting or not, and the deployment's state is said", async () => {
    const alarm = `arn:aws:cloudwatch:eu-west-1:${CONFIG}:alarm:ShopErrors`;
    const watched = writeDesired({ development: "v2", production: "v2" }, ["v1", "v2"], alarm);
    expect((await orgctl(handle, "apply", watched, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);

    handle.setAlarmState(alarm, "ALARM");
    const v3 = writeDesired({ development: "v2", production: "v3" }, ["v1", "v2", "v3"], alarm);
    const waited = await orgctl(handle, "apply", v3, "--auto-approve", "--audit-log", auditFile());
    expect(waited.code).toBe(1);
    expect(waited.stderr).toMatch(
      /^failed config\/appconfig\/deployment\/eu-west-1\/Shop\/production\/Settings \(deploy\): deployment #\d+ ended ROLLED_BACK: rolled back by a CloudWatch alarm — Rollback initiated by CloudWatch alarm arn:aws:cloudwatch:eu-west-1:222222222222:alarm:ShopErrors$/m,
    );
    expect(await deployedReleases(client)).toEqual({ development: "v2", production: "v2" });

    const noWait = await orgctl(handle, "apply", v3, "--auto-approve", "--no-wait", "--audit-log", auditFile());
    expect(noWait.code).toBe(1);
    expect(noWait.stderr).toMatch(/^failed config\/appconfig\/deployment\/eu-west-1\/Shop\/production\/Settings \(deploy\): deployment #\d+ ended ROLLED_BACK \(not waited for\): rolled back by a CloudWatch alarm — /m);

    handle.setAlarmState(alarm, "OK");
    const calm = await orgctl(handle, "apply", v3, "--auto-approve", "--no-wait", "--audit-log", auditFile());
    expect(calm.code).toBe(0);
    expect(calm.stderr).toMatch(/^config\/appconfig\/deployment\/eu-west-1\/Shop\/production\/Settings: deployment #\d+ BAKING 100% \(not waited for; it keeps rolling out in AppConfig\)$/m);
  });
});
