// The emulator's AppConfigData (StartConfigurationSession, GetLatestConfiguration), driven by
// the real AppConfigDataClient against deployments made with the real AppConfigClient.
import { describe, expect, it } from "vitest";
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateDeploymentStrategyCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  DeleteHostedConfigurationVersionCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { GetLatestConfigurationCommand, StartConfigurationSessionCommand, type AppConfigDataClient } from "@aws-sdk/client-appconfigdata";
import { PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { adminUsers, clientFor, withEmulator } from "./helpers/emulator.js";

const ACCOUNT = "111111111111";
const KEY = { accessKeyId: "AKIAAPPCONFIGDATA001", secretAccessKey: "appconfigdata-test-secret", accountId: ACCOUNT };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const READER = { accessKeyId: "AKIAAPPCONFIGREADER1", secretAccessKey: "appconfigdata-reader-secret", accountId: ACCOUNT };

function snapshot() {
  const base = adminUsers([KEY]);
  base.iam!.accounts[ACCOUNT]!.users!.push({ UserName: "reader" });
  return { ...base, credentials: [...base.credentials!, { ...READER, userName: "reader" }] };
}

const emu = withEmulator({ snapshot: snapshot() });
const control = (): AppConfigClient => clientFor(emu(), "appconfig", { region: "eu-west-1", credentials: KEY, maxAttempts: 1 });
const data = (): AppConfigDataClient => clientFor(emu(), "appconfigdata", { region: "eu-west-1", credentials: KEY, maxAttempts: 1 });
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());

async function failure(p: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, any>;
  }
  throw new Error("expected the call to fail");
}

/** An application with a development environment and a hosted profile holding versions v1 and v2. */
async function setUp(name: string, type: "AWS.Freeform" | "AWS.AppConfig.FeatureFlags" = "AWS.Freeform", contents = ['{"limit":1}', '{"limit":2}']) {
  const c = control();
  const app = await c.send(new CreateApplicationCommand({ Name: name }));
  const env = await c.send(new CreateEnvironmentCommand({ ApplicationId: app.Id, Name: "development" }));
  const profile = await c.send(new CreateConfigurationProfileCommand({ ApplicationId: app.Id, Name: "settings", LocationUri: "hosted", Type: type }));
  for (const [i, content] of contents.entries()) {
    await c.send(
      new CreateHostedConfigurationVersionCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id, Content: new TextEncoder().encode(content), ContentType: "application/json", VersionLabel: `v${i + 1}` }),
    );
  }
  const deploy = (version: string, strategy = "AppConfig.AllAtOnce") =>
    c.send(new StartDeploymentCommand({ ApplicationId: app.Id, EnvironmentId: env.Id, ConfigurationProfileId: profile.Id, ConfigurationVersion: version, DeploymentStrategyId: strategy }));
  return { c, appId: app.Id!, envId: env.Id!, profileId: profile.Id!, deploy };
}

async function session(ids: { app: string; env: string; profile: string }, poll?: number): Promise<string> {
  const started = await data().send(
    new StartConfigurationSessionCommand({ ApplicationIdentifier: ids.app, EnvironmentIdentifier: ids.env, ConfigurationProfileIdentifier: ids.profile, RequiredMinimumPollIntervalInSeconds: poll }),
  );
  expect(started.$metadata.httpStatusCode).toBe(201);
  return started.InitialConfigurationToken!;
}

describe("AppConfigData sessions", () => {
  it("serves the deployed configuration by name, then nothing until it changes, then the new version", async () => {
    const { deploy } = await setUp("Served");
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    const first = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: await session({ app: "Served", env: "development", profile: "settings" }) }));
    expect(text(first.Configuration)).toBe('{"limit":1}');
    expect(first).toMatchObject({ ContentType: "application/json", VersionLabel: "v1", NextPollIntervalInSeconds: 60 });

    const same = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }));
    expect(text(same.Configuration)).toBe("");
    expect(same.VersionLabel).toBeUndefined();

    await deploy("v2");
    emu().world.clock.advance(11 * MINUTE);
    const changed = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: same.NextPollConfigurationToken }));
    expect(text(changed.Configuration)).toBe('{"limit":2}');
    expect(changed.VersionLabel).toBe("v2");
  });

  it("keeps serving a deployed version after the hosted version is deleted", async () => {
    const { c, appId, envId, profileId, deploy } = await setUp("Deleted");
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    await c.send(new DeleteHostedConfigurationVersionCommand({ ApplicationId: appId, ConfigurationProfileId: profileId, VersionNumber: 1 }));
    const got = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: await session({ app: appId, env: envId, profile: profileId }) }));
    expect(text(got.Configuration)).toBe('{"limit":1}');
  });

  it("answers a used, a forged and an expired token with BadRequestException and the problem", async () => {
    const { appId, envId, profileId, deploy } = await setUp("Tokens");
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    const token = await session({ app: appId, env: envId, profile: profileId });
    const next = (await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: token }))).NextPollConfigurationToken!;

    const reused = await failure(data().send(new GetLatestConfigurationCommand({ ConfigurationToken: token })));
    expect(reused).toMatchObject({ name: "BadRequestException", Reason: "InvalidParameters", Details: { InvalidParameters: { ConfigurationToken: { Problem: "Expired" } } }, $metadata: { httpStatusCode: 400 } });
    expect(reused.message).toBe("The configuration token has already been used; use the NextPollConfigurationToken of its answer");

    const forged = await failure(data().send(new GetLatestConfigurationCommand({ ConfigurationToken: "bm90LWEtdG9rZW4" })));
    expect(forged).toMatchObject({ name: "BadRequestException", Details: { InvalidParameters: { ConfigurationToken: { Problem: "Corrupted" } } } });

    emu().world.clock.advance(24 * HOUR);
    const expired = await failure(data().send(new GetLatestConfigurationCommand({ ConfigurationToken: next })));
    expect(expired).toMatchObject({ name: "BadRequestException", Details: { InvalidParameters: { ConfigurationToken: { Problem: "Expired" } } } });
    expect(expired.message).toBe("The configuration token has expired (tokens are valid for 24 hours); start a new configuration session");
  });

  it("holds a session to its RequiredMinimumPollIntervalInSeconds, and a refused poll keeps its token", async () => {
    const { appId, envId, profileId, deploy } = await setUp("Polling");
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    const first = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: await session({ app: appId, env: envId, profile: profileId }, 30) }));
    expect(first.NextPollIntervalInSeconds).toBe(30);
    const early = await failure(data().send(new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken })));
    expect(early).toMatchObject({ name: "BadRequestException", Details: { InvalidParameters: { ConfigurationToken: { Problem: "PollIntervalNotSatisfied" } } } });
    emu().world.clock.advance(30_000);
    const later = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }));
    expect(later.$metadata.httpStatusCode).toBe(200);

    const tooShort = await failure(data().send(new StartConfigurationSessionCommand({ ApplicationIdentifier: appId, EnvironmentIdentifier: envId, ConfigurationProfileIdentifier: profileId, RequiredMinimumPollIntervalInSeconds: 14 })));
    expect(tooShort).toMatchObject({ name: "BadRequestException", message: "RequiredMinimumPollIntervalInSeconds must be an integer between 15 and 86400" });
  });

  it("answers ResourceNotFoundException with the resource type and the member that named it", async () => {
    const { appId, envId, profileId } = await setUp("Missing");
    const noApp = await failure(data().send(new StartConfigurationSessionCommand({ ApplicationIdentifier: "nope", EnvironmentIdentifier: envId, ConfigurationProfileIdentifier: profileId })));
    expect(noApp).toMatchObject({ name: "ResourceNotFoundException", ResourceType: "Application", ReferencedBy: { ApplicationIdentifier: "nope" }, $metadata: { httpStatusCode: 404 } });
    const noEnv = await failure(data().send(new StartConfigurationSessionCommand({ ApplicationIdentifier: appId, EnvironmentIdentifier: "prod", ConfigurationProfileIdentifier: profileId })));
    expect(noEnv).toMatchObject({ ResourceType: "Environment", ReferencedBy: { EnvironmentIdentifier: "prod" } });
    const noProfile = await failure(data().send(new StartConfigurationSessionCommand({ ApplicationIdentifier: appId, EnvironmentIdentifier: envId, ConfigurationProfileIdentifier: "other" })));
    expect(noProfile).toMatchObject({ ResourceType: "ConfigurationProfile", ReferencedBy: { ConfigurationProfileIdentifier: "other" } });

    const undeployed = await failure(data().send(new GetLatestConfigurationCommand({ ConfigurationToken: await session({ app: appId, env: envId, profile: profileId }) })));
    expect(undeployed).toMatchObject({ name: "ResourceNotFoundException", ResourceType: "Deployment" });
  });
});

describe("AppConfigData authorization", () => {
  it("authorizes both calls against the configuration's ARN, built from ids even when the session names things by name", async () => {
    const { appId, envId, profileId, deploy } = await setUp("Guarded");
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    const configuration = `arn:aws:appconfig:eu-west-1:${ACCOUNT}:application/${appId}/environment/${envId}/configuration/${profileId}`;
    const iam = clientFor(emu(), "iam", { credentials: KEY });
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["appconfig:StartConfigurationSession", "appconfig:GetLatestConfiguration"], Resource: configuration }] };
    await iam.send(new PutUserPolicyCommand({ UserName: "reader", PolicyName: "read-config", PolicyDocument: JSON.stringify(policy) }));
    const reader = clientFor(emu(), "appconfigdata", { region: "eu-west-1", credentials: READER, maxAttempts: 1 });

    const started = await reader.send(new StartConfigurationSessionCommand({ ApplicationIdentifier: "Guarded", EnvironmentIdentifier: "development", ConfigurationProfileIdentifier: "settings" }));
    const got = await reader.send(new GetLatestConfigurationCommand({ ConfigurationToken: started.InitialConfigurationToken }));
    expect(text(got.Configuration)).toBe('{"limit":1}');

    const other = await setUp("Unguarded");
    const denied = await failure(reader.send(new StartConfigurationSessionCommand({ ApplicationIdentifier: other.appId, EnvironmentIdentifier: other.envId, ConfigurationProfileIdentifier: other.profileId })));
    expect(denied).toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    expect(denied.message).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: appconfig:StartConfigurationSession on resource: arn:aws:appconfig:eu-west-1:${ACCOUNT}:application/${other.appId}/environment/${other.envId}/configuration/${other.profileId} because no identity-based policy allows the appconfig:StartConfigurationSession action`,
    );
  });
});

describe("AppConfigData during a rollout", () => {
  it("serves a rolling deployment to its percentage of sessions, to all while baking, and the previous version after a rollback", async () => {
    const { c, appId, envId, profileId, deploy } = await setUp("Rollout");
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    const strategy = await c.send(new CreateDeploymentStrategyCommand({ Name: "halves", DeploymentDurationInMinutes: 10, GrowthType: "LINEAR", GrowthFactor: 50, FinalBakeTimeInMinutes: 10 }));
    const sessions = await Promise.all(Array.from({ length: 40 }, () => session({ app: appId, env: envId, profile: profileId })));
    const poll = async (tokens: string[]) => {
      const answers = await Promise.all(tokens.map((t) => data().send(new GetLatestConfigurationCommand({ ConfigurationToken: t }))));
      return { labels: answers.map((a) => a.VersionLabel ?? "unchanged"), tokens: answers.map((a) => a.NextPollConfigurationToken!) };
    };
    let round = await poll(sessions);
    expect(new Set(round.labels)).toEqual(new Set(["v1"]));

    const started = await deploy("2", strategy.Id);
    round = await poll(round.tokens);
    expect(new Set(round.labels)).toEqual(new Set(["unchanged"]));

    emu().world.clock.advance(5 * MINUTE); // 50%
    round = await poll(round.tokens);
    const half = round.labels.filter((l) => l === "v2").length;
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(40);
    expect(round.labels.filter((l) => l !== "v2").every((l) => l === "unchanged")).toBe(true);

    emu().world.clock.advance(6 * MINUTE); // baking at 100%
    round = await poll(round.tokens);
    expect(round.labels.filter((l) => l === "v2")).toHaveLength(40 - half);

    await c.send(new StopDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: started.DeploymentNumber }));
    round = await poll(round.tokens);
    expect(new Set(round.labels)).toEqual(new Set(["v1"]));
  });
});

describe("AppConfigData and feature flags", () => {
  it("serves a feature-flag profile in its simplified form", async () => {
    const flags = JSON.stringify({
      version: "1",
      flags: { dark: { name: "Dark", attributes: { theme: { constraints: { type: "string", enum: ["dim", "black"] } } } }, beta: { name: "Beta" } },
      values: { dark: { enabled: true, theme: "dim", _updatedAt: "2026-01-01T00:00:00Z" }, beta: { enabled: false } },
    });
    const { appId, envId, profileId, deploy } = await setUp("Flags", "AWS.AppConfig.FeatureFlags", [flags]);
    await deploy("1");
    emu().world.clock.advance(11 * MINUTE);
    const got = await data().send(new GetLatestConfigurationCommand({ ConfigurationToken: await session({ app: appId, env: envId, profile: profileId }) }));
    expect(JSON.parse(text(got.Configuration))).toEqual({ dark: { enabled: true, theme: "dim" }, beta: { enabled: false } });
    expect(got.ContentType).toBe("application/json");
  });

  it("refuses feature-flag content that breaks AWS's format or its own constraints", async () => {
    const c = control();
    const app = await c.send(new CreateApplicationCommand({ Name: "BadFlags" }));
    const profile = await c.send(new CreateConfigurationProfileCommand({ ApplicationId: app.Id, Name: "flags", LocationUri: "hosted", Type: "AWS.AppConfig.FeatureFlags" }));
    const create = (content: unknown) =>
      failure(c.send(new CreateHostedConfigurationVersionCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id, Content: new TextEncoder().encode(JSON.stringify(content)), ContentType: "application/json" })));
    const structural = await create({ version: "2", flags: {} });
    expect(structural).toMatchObject({
      name: "BadRequestException",
      message: "Configuration is not valid AWS.AppConfig.FeatureFlags content",
      Reason: "InvalidConfiguration",
      Details: { InvalidConfiguration: [{ Constraint: "enum", Location: "#/version", Reason: '#/version must be "1"', Type: "FEATURE_FLAGS" }] },
    });
    const constraint = await create({ version: "1", flags: { limit: { attributes: { max: { constraints: { type: "number", maximum: 10 } } } } }, values: { limit: { enabled: true, max: 11 } } });
    expect(constraint.Details).toEqual({ InvalidConfiguration: [{ Constraint: "maximum", Location: "#/values/limit/max", Reason: "#/values/limit/max must be at most 10", Type: "FEATURE_FLAGS" }] });
  });
});
