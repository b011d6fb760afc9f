// Environment monitors, alarm-driven rollbacks, stops and reverts, and strategy limits in the
// emulator's AppConfig, through the real AppConfigClient; alarms are set with the handle's hook.
import { describe, expect, it } from "vitest";
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateDeploymentStrategyCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  DeleteDeploymentStrategyCommand,
  GetDeploymentCommand,
  GetDeploymentStrategyCommand,
  GetEnvironmentCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  UpdateEnvironmentCommand,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { adminUsers, clientFor, withEmulator } from "./helpers/emulator.js";

const ACCOUNT = "111111111111";
const KEY = { accessKeyId: "AKIAAPPCONFIGMONITOR", secretAccessKey: "appconfig-monitor-secret", accountId: ACCOUNT };
const MINUTE = 60_000;
const ALARM = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:errors`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/AppConfigMonitor`;

const emu = withEmulator({ snapshot: adminUsers([KEY]) });
const client = (region = "eu-west-1"): AppConfigClient => clientFor(emu(), "appconfig", { region, credentials: KEY, maxAttempts: 1 });

async function failure(p: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, any>;
  }
  throw new Error("expected the call to fail");
}

/** An application with a monitored and an unmonitored environment, a hosted profile with one version, and a 10+10 minute strategy. */
async function setUp(name: string, alarm = ALARM) {
  const c = client();
  const app = await c.send(new CreateApplicationCommand({ Name: name }));
  const watched = await c.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: "production", Monitors: [{ AlarmArn: alarm, AlarmRoleArn: ROLE }] }));
  const unwatched = await c.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: "development" }));
  const profile = await c.send(new CreateConfigurationProfileCommand({ ApplicationId: app.Id, Name: "settings", LocationUri: "hosted" }));
  await c.send(new CreateHostedConfigurationVersionCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id, Content: new TextEncoder().encode("{}"), ContentType: "application/json" }));
  const strategy = await c.send(new CreateDeploymentStrategyCommand({ Name: `${name}-slow`, DeploymentDurationInMinutes: 10, GrowthFactor: 50, FinalBakeTimeInMinutes: 10 }));
  const deploy = (EnvironmentId: string | undefined) =>
    c.send(new StartDeploymentCommand({ ApplicationId: app.Id, EnvironmentId, ConfigurationProfileId: profile.Id, ConfigurationVersion: "1", DeploymentStrategyId: strategy.Id }));
  const deployment = (EnvironmentId: string | undefined, DeploymentNumber: number | undefined) => c.send(new GetDeploymentCommand({ ApplicationId: app.Id, EnvironmentId, DeploymentNumber }));
  const environment = (EnvironmentId: string | undefined) => c.send(new GetEnvironmentCommand({ ApplicationId: app.Id, EnvironmentId }));
  return { c, appId: app.Id!, watched: watched.Id!, unwatched: unwatched.Id!, strategyId: strategy.Id!, deploy, deployment, environment };
}

describe("environment monitors", () => {
  it("stores and returns monitors, and refuses a sixth monitor or a role that is not an IAM role ARN", async () => {
    const { c, appId, watched, environment } = await setUp("Stored");
    expect((await environment(watched)).Monitors).toEqual([{ AlarmArn: ALARM, AlarmRoleArn: ROLE }]);
    const six = Array.from({ length: 6 }, (_, i) => ({ AlarmArn: `${ALARM}-${i}` }));
    expect(await failure(c.send(new UpdateEnvironmentCommand({ ApplicationId: appId, EnvironmentId: watched, Monitors: six })))).toMatchObject({
      name: "BadRequestException",
      message: "Monitors must be a list of at most 5 monitors",
    });
    const badRole = [{ AlarmArn: ALARM, AlarmRoleArn: "arn:aws:iam::111111111111:user/someone" }];
    expect(await failure(c.send(new UpdateEnvironmentCommand({ ApplicationId: appId, EnvironmentId: watched, Monitors: badRole })))).toMatchObject({
      name: "BadRequestException",
      message: "Monitor AlarmRoleArn must be an IAM role ARN",
    });
  });

  it("rolls back a deployment in progress when a monitored alarm goes into ALARM, and leaves other environments alone", async () => {
    const alarm = `${ALARM}-deploying`;
    const { watched, unwatched, deploy, deployment, environment } = await setUp("Deploying", alarm);
    const inWatched = await deploy(watched);
    const inUnwatched = await deploy(unwatched);
    emu().world.clock.advance(5 * MINUTE);
    emu().setAlarmState(alarm, "ALARM");

    const rolledBack = await deployment(watched, inWatched.DeploymentNumber);
    expect(rolledBack).toMatchObject({ State: "ROLLED_BACK", PercentageComplete: 50 });
    expect(rolledBack.EventLog!.slice(0, 2).map((e) => [e.EventType, e.TriggeredBy, e.Description])).toEqual([
      ["ROLLBACK_COMPLETED", "APPCONFIG", "Rollback completed"],
      ["ROLLBACK_STARTED", "CLOUDWATCH_ALARM", `Rollback initiated by CloudWatch alarm ${alarm}`],
    ]);
    expect((await environment(watched)).State).toBe("ROLLED_BACK");
    expect((await deployment(unwatched, inUnwatched.DeploymentNumber)).State).toBe("DEPLOYING");
    emu().setAlarmState(alarm, "OK");
  });

  it("rolls back during the bake time too, but never a complete deployment", async () => {
    const alarm = `${ALARM}-baking`;
    const { watched, deploy, deployment } = await setUp("Baking", alarm);
    const first = await deploy(watched);
    emu().world.clock.advance(21 * MINUTE);
    emu().setAlarmState(alarm, "ALARM");
    expect((await deployment(watched, first.DeploymentNumber)).State).toBe("COMPLETE");
    emu().setAlarmState(alarm, "OK");

    const second = await deploy(watched);
    emu().world.clock.advance(15 * MINUTE);
    expect((await deployment(watched, second.DeploymentNumber)).State).toBe("BAKING");
    emu().setAlarmState(alarm, "ALARM");
    expect((await deployment(watched, second.DeploymentNumber)).State).toBe("ROLLED_BACK");
    emu().setAlarmState(alarm, "OK");
  });

  it("rolls back a deployment started while a monitored alarm is in ALARM", async () => {
    const alarm = `${ALARM}-already`;
    const { watched, deploy, deployment, environment } = await setUp("Already", alarm);
    emu().setAlarmState(alarm, "ALARM");
    const started = await deploy(watched);
    expect(started.State).toBe("DEPLOYING");
    emu().world.clock.advance(1000);
    expect((await deployment(watched, started.DeploymentNumber)).State).toBe("ROLLED_BACK");
    expect((await environment(watched)).State).toBe("ROLLED_BACK");

    emu().setAlarmState(alarm, "OK");
    const again = await deploy(watched);
    emu().world.clock.advance(21 * MINUTE);
    expect((await deployment(watched, again.DeploymentNumber)).State).toBe("COMPLETE");
    expect((await environment(watched)).State).toBe("READY_FOR_DEPLOYMENT");
  });
});

describe("stopping deployments", () => {
  it("rolls back by hand (USER), and reverts a complete deployment only within 72 hours", async () => {
    const { c, appId, unwatched, deploy, deployment, environment } = await setUp("Stopped");
    const first = await deploy(unwatched);
    emu().world.clock.advance(3 * MINUTE);
    const stopped = await c.send(new StopDeploymentCommand({ ApplicationId: appId, EnvironmentId: unwatched, DeploymentNumber: first.DeploymentNumber }));
    expect(stopped.State).toBe("ROLLED_BACK");
    expect(stopped.EventLog![1]).toMatchObject({ EventType: "ROLLBACK_STARTED", TriggeredBy: "USER" });
    expect((await environment(unwatched)).State).toBe("ROLLED_BACK");

    const second = await deploy(unwatched);
    emu().world.clock.advance(21 * MINUTE + 72 * 60 * MINUTE);
    const late = await failure(c.send(new StopDeploymentCommand({ ApplicationId: appId, EnvironmentId: unwatched, DeploymentNumber: second.DeploymentNumber, AllowRevert: true })));
    expect(late).toMatchObject({ name: "BadRequestException", message: `Deployment ${second.DeploymentNumber} completed more than 72 hours ago and can no longer be reverted` });

    const third = await deploy(unwatched);
    emu().world.clock.advance(21 * MINUTE);
    await c.send(new StopDeploymentCommand({ ApplicationId: appId, EnvironmentId: unwatched, DeploymentNumber: third.DeploymentNumber, AllowRevert: true }));
    expect((await deployment(unwatched, third.DeploymentNumber)).State).toBe("REVERTED");
    expect((await environment(unwatched)).State).toBe("REVERTED");
  });
});

describe("deployment strategies", () => {
  it("keeps ReplicateTo, deletes through the model's DELETE /deployementstrategies route, and stops at 20 per region", async () => {
    const c = client("ap-northeast-1");
    const created = await c.send(new CreateDeploymentStrategyCommand({ Name: "replicated", DeploymentDurationInMinutes: 0, GrowthFactor: 100, ReplicateTo: "SSM_DOCUMENT" }));
    expect(await c.send(new GetDeploymentStrategyCommand({ DeploymentStrategyId: created.Id }))).toMatchObject({ ReplicateTo: "SSM_DOCUMENT", GrowthType: "LINEAR", FinalBakeTimeInMinutes: 0 });
    const deleted = await c.send(new DeleteDeploymentStrategyCommand({ DeploymentStrategyId: created.Id }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(emu().callCounts()["appconfig:DeleteDeploymentStrategy"]).toBe(1);

    for (let i = 0; i < 20; i++) await c.send(new CreateDeploymentStrategyCommand({ Name: `s${i}`, DeploymentDurationInMinutes: 1, GrowthFactor: 10 }));
    const over = await failure(c.send(new CreateDeploymentStrategyCommand({ Name: "s20", DeploymentDurationInMinutes: 1, GrowthFactor: 10 })));
    expect(over).toMatchObject({ name: "ServiceQuotaExceededException", message: "An account can have at most 20 deployment strategies per region", $metadata: { httpStatusCode: 402 } });
  });
});
