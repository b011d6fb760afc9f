// The emulator's AppConfig service, driven by the real AppConfigClient.
import { describe, expect, it } from "vitest";
import {
  CreateApplicationCommand,
  CreateConfigurationProfileCommand,
  CreateDeploymentStrategyCommand,
  CreateEnvironmentCommand,
  CreateHostedConfigurationVersionCommand,
  DeleteApplicationCommand,
  DeleteConfigurationProfileCommand,
  DeleteDeploymentStrategyCommand,
  DeleteEnvironmentCommand,
  DeleteHostedConfigurationVersionCommand,
  GetApplicationCommand,
  GetConfigurationProfileCommand,
  GetDeploymentCommand,
  GetDeploymentStrategyCommand,
  GetEnvironmentCommand,
  GetHostedConfigurationVersionCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListDeploymentStrategiesCommand,
  ListHostedConfigurationVersionsCommand,
  ListTagsForResourceCommand,
  StartDeploymentCommand,
  StopDeploymentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApplicationCommand,
  UpdateConfigurationProfileCommand,
  UpdateDeploymentStrategyCommand,
  UpdateEnvironmentCommand,
  paginateListApplications,
  paginateListConfigurationProfiles,
  paginateListDeployments,
  paginateListDeploymentStrategies,
  paginateListEnvironments,
  paginateListHostedConfigurationVersions,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { startEmulator } from "../src/emulator/index.js";
import type { Snapshot } from "../src/emulator/types.js";
import { adminUsers, clientFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";

const ACCOUNT_A = "111111111111";
const ACCOUNT_B = "222222222222";
const KEY_A = { accessKeyId: "AKIAAPPCONFIGTEST001", secretAccessKey: "appconfig-test-secret-a", accountId: ACCOUNT_A };
const KEY_B = { accessKeyId: "AKIAAPPCONFIGTEST002", secretAccessKey: "appconfig-test-secret-b", accountId: ACCOUNT_B };

const MINUTE = 60_000;
const SCHEMA = JSON.stringify({
  $schema: "http://json-schema.org/draft-04/schema#",
  type: "object",
  properties: { boolEnableLimitResults: { type: "boolean" }, intResultLimit: { type: "integer", minimum: 1 } },
  required: ["boolEnableLimitResults"],
});
const utf8 = (s: string) => new TextEncoder().encode(s);

/** The error a call fails with (the test fails if it succeeds). */
async function failure(p: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, any>;
  }
  throw new Error("expected the call to fail");
}

async function collect<T>(pages: AsyncIterable<{ Items?: T[] }>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    count++;
    items.push(...(page.Items ?? []));
  }
  return { items, pages: count };
}

const emu = withEmulator({ snapshot: adminUsers([KEY_A, KEY_B]) });
const client = (opts: { region?: string; key?: typeof KEY_A } = {}): AppConfigClient =>
  clientFor(emu(), "appconfig", { region: opts.region ?? "eu-west-1", credentials: opts.key ?? KEY_A, maxAttempts: 1 });

async function app(c = client(), name = "ListServices") {
  return c.send(new CreateApplicationCommand({ Name: name }));
}

async function hostedProfile(c: AppConfigClient, ApplicationId: string, validators = [{ Type: "JSON_SCHEMA" as const, Content: SCHEMA }]) {
  return c.send(new CreateConfigurationProfileCommand({ ApplicationId, Name: "ListServicesAppConfigConfigProfile", LocationUri: "hosted", Type: "AWS.Freeform", Validators: validators }));
}

describe("applications", () => {
  it("creates, reads, updates, lists over several pages and deletes", async () => {
    const c = client({ region: "ap-south-1" });
    const created = await c.send(new CreateApplicationCommand({ Name: "App0", Description: "first", Tags: { team: "platform" } }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.Id).toMatch(/^[a-z0-9]{7}$/);
    expect(await c.send(new GetApplicationCommand({ ApplicationId: created.Id }))).toMatchObject({ Id: created.Id, Name: "App0", Description: "first" });
    await c.send(new UpdateApplicationCommand({ ApplicationId: created.Id, Name: "App0-renamed" }));
    expect(await c.send(new GetApplicationCommand({ ApplicationId: created.Id }))).toMatchObject({ Name: "App0-renamed", Description: "first" });

    for (let i = 1; i < 7; i++) await app(c, `App${i}`);
    const { items, pages } = await collect(paginateListApplications({ client: c, pageSize: 3 }, {}));
    expect(pages).toBe(3);
    expect(items.map((a) => a.Name)).toEqual(["App0-renamed", "App1", "App2", "App3", "App4", "App5", "App6"]);

    const deleted = await c.send(new DeleteApplicationCommand({ ApplicationId: created.Id }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const err = await failure(c.send(new GetApplicationCommand({ ApplicationId: created.Id })));
    expect(err).toMatchObject({ name: "ResourceNotFoundException", ResourceName: "Application", $metadata: { httpStatusCode: 404 } });
    expect(err.message).toContain(created.Id);
  });

  it("rejects MaxResults outside 1..50 and a forged NextToken", async () => {
    await expect(client().send(new ListApplicationsCommand({ MaxResults: 51 }))).rejects.toMatchObject({ name: "BadRequestException", $metadata: { httpStatusCode: 400 } });
    await expect(client().send(new ListApplicationsCommand({ NextToken: "not-a-token" }))).rejects.toMatchObject({ name: "BadRequestException" });
  });

  it("refuses to delete an application that still has environments", async () => {
    const c = client();
    const a = await app(c, "WithChildren");
    await c.send(new CreateEnvironmentCommand({ ApplicationId: a.Id, Name: "development" }));
    await expect(c.send(new DeleteApplicationCommand({ ApplicationId: a.Id }))).rejects.toMatchObject({ name: "BadRequestException" });
  });
});

describe("environments", () => {
  it("creates, reads, updates, lists over several pages and deletes", async () => {
    const c = client();
    const a = await app(c);
    const names = ["development", "testing", "production", "staging", "sandbox"];
    for (const Name of names) await c.send(new CreateEnvironmentCommand({ ApplicationId: a.Id, Name }));
    const { items, pages } = await collect(paginateListEnvironments({ client: c, pageSize: 2 }, { ApplicationId: a.Id }));
    expect(pages).toBe(3);
    expect(items.map((e) => e.Name)).toEqual(names);
    expect(items.every((e) => e.State === "READY_FOR_DEPLOYMENT" && e.ApplicationId === a.Id)).toBe(true);

    const env = items[0]!;
    const updated = await c.send(new UpdateEnvironmentCommand({ ApplicationId: a.Id, EnvironmentId: env.Id, Description: "dev", Monitors: [{ AlarmArn: "arn:aws:cloudwatch:eu-west-1:111111111111:alarm:errors" }] }));
    expect(updated).toMatchObject({ Name: "development", Description: "dev", Monitors: [{ AlarmArn: "arn:aws:cloudwatch:eu-west-1:111111111111:alarm:errors" }] });
    await c.send(new DeleteEnvironmentCommand({ ApplicationId: a.Id, EnvironmentId: env.Id }));
    await expect(c.send(new GetEnvironmentCommand({ ApplicationId: a.Id, EnvironmentId: env.Id }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      ResourceName: "Environment",
    });
  });

  it("reports a missing application as the missing resource", async () => {
    await expect(client().send(new CreateEnvironmentCommand({ ApplicationId: "nope123", Name: "x" }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      ResourceName: "Application",
    });
  });
});

describe("configuration profiles", () => {
  it("creates with validators, reads, updates, lists over several pages and deletes", async () => {
    const c = client();
    const a = await app(c);
    const p = await hostedProfile(c, a.Id!);
    expect(p.$metadata.httpStatusCode).toBe(201);
    expect(p).toMatchObject({ ApplicationId: a.Id, LocationUri: "hosted", Type: "AWS.Freeform", Validators: [{ Type: "JSON_SCHEMA", Content: SCHEMA }] });
    await c.send(new UpdateConfigurationProfileCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Description: "list services", Validators: [] }));
    const updated = await c.send(new GetConfigurationProfileCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id }));
    expect(updated.Description).toBe("list services");
    expect(updated.Validators).toBeUndefined();

    for (let i = 0; i < 3; i++) await c.send(new CreateConfigurationProfileCommand({ ApplicationId: a.Id, Name: `flags${i}`, LocationUri: "hosted", Type: "AWS.AppConfig.FeatureFlags" }));
    const all = await collect(paginateListConfigurationProfiles({ client: c, pageSize: 3 }, { ApplicationId: a.Id }));
    expect(all.pages).toBe(2);
    expect(all.items).toHaveLength(4);
    const flags = await c.send(new ListConfigurationProfilesCommand({ ApplicationId: a.Id, Type: "AWS.AppConfig.FeatureFlags" }));
    expect(flags.Items!.map((x) => x.Name)).toEqual(["flags0", "flags1", "flags2"]);

    await c.send(new DeleteConfigurationProfileCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id }));
    await expect(c.send(new GetConfigurationProfileCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      ResourceName: "ConfigurationProfile",
    });
  });

  it("rejects a JSON_SCHEMA validator that is not a schema", async () => {
    const c = client();
    const a = await app(c);
    await expect(hostedProfile(c, a.Id!, [{ Type: "JSON_SCHEMA", Content: "{not json" }])).rejects.toMatchObject({ name: "BadRequestException" });
    await expect(hostedProfile(c, a.Id!, [{ Type: "JSON_SCHEMA", Content: JSON.stringify({ type: "no-such-type" }) }])).rejects.toMatchObject({ name: "BadRequestException" });
  });
});

describe("hosted configuration versions", () => {
  it("numbers versions 1, 2, 3, never reuses a number, and round-trips content bytes exactly", async () => {
    const c = client();
    const a = await app(c);
    const p = await hostedProfile(c, a.Id!, []);
    const bytes = new Uint8Array([0, 255, 1, 128, 10, 13, 0xc3, 0x28, 0x7f]);
    const created = [];
    for (let i = 0; i < 3; i++) {
      created.push(
        await c.send(
          new CreateHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: bytes, ContentType: "application/octet-stream", Description: `v${i + 1}`, VersionLabel: `v${i + 1}.0` }),
        ),
      );
    }
    expect(created.map((v) => v.VersionNumber)).toEqual([1, 2, 3]);
    expect(created[0]).toMatchObject({ $metadata: { httpStatusCode: 201 }, ApplicationId: a.Id, ConfigurationProfileId: p.Id, ContentType: "application/octet-stream", Description: "v1", VersionLabel: "v1.0" });
    expect([...created[0]!.Content!]).toEqual([...bytes]);

    const got = await c.send(new GetHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, VersionNumber: 2 }));
    expect(got).toMatchObject({ VersionNumber: 2, Description: "v2", VersionLabel: "v2.0", ContentType: "application/octet-stream" });
    expect([...got.Content!]).toEqual([...bytes]);

    await c.send(new DeleteHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, VersionNumber: 3 }));
    await expect(c.send(new GetHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, VersionNumber: 3 }))).rejects.toMatchObject({
      name: "ResourceNotFoundException",
      ResourceName: "HostedConfigurationVersion",
    });
    const next = await c.send(new CreateHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: utf8("{}"), ContentType: "application/json" }));
    expect(next.VersionNumber).toBe(4);

    const listed = await collect(paginateListHostedConfigurationVersions({ client: c, pageSize: 2 }, { ApplicationId: a.Id, ConfigurationProfileId: p.Id }));
    expect(listed.pages).toBe(2);
    expect(listed.items.map((v) => v.VersionNumber)).toEqual([4, 2, 1]);
    const byLabel = await c.send(new ListHostedConfigurationVersionsCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, VersionLabel: "v2.0" }));
    expect(byLabel.Items!.map((v) => v.VersionNumber)).toEqual([2]);
    await expect(c.send(new DeleteConfigurationProfileCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id }))).rejects.toMatchObject({ name: "ConflictException" });
  });

  it("refuses a version when LatestVersionNumber is not the latest", async () => {
    const c = client();
    const a = await app(c);
    const p = await hostedProfile(c, a.Id!, []);
    const input = { ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: utf8("{}"), ContentType: "application/json" };
    await c.send(new CreateHostedConfigurationVersionCommand({ ...input, LatestVersionNumber: 0 }));
    await c.send(new CreateHostedConfigurationVersionCommand({ ...input, LatestVersionNumber: 1 }));
    const err = await failure(c.send(new CreateHostedConfigurationVersionCommand({ ...input, LatestVersionNumber: 1 })));
    expect(err).toMatchObject({ name: "ConflictException", $metadata: { httpStatusCode: 409 } });
    const versions = await c.send(new ListHostedConfigurationVersionsCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id }));
    expect(versions.Items!.map((v) => v.VersionNumber)).toEqual([2, 1]);
  });

  it("rejects content that fails a JSON_SCHEMA validator, with details", async () => {
    const c = client();
    const a = await app(c);
    const p = await hostedProfile(c, a.Id!);
    const create = (content: string) => c.send(new CreateHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: utf8(content), ContentType: "application/json" }));
    const err = await failure(create(JSON.stringify({ intResultLimit: 0 })));
    expect(err).toMatchObject({ name: "BadRequestException", Reason: "InvalidConfiguration", $metadata: { httpStatusCode: 400 } });
    const details = err.Details.InvalidConfiguration as { Constraint: string; Location: string; Type: string }[];
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Constraint: "required", Type: "JSON_SCHEMA" }),
        expect.objectContaining({ Constraint: "minimum", Location: "#/intResultLimit" }),
      ]),
    );
    await expect(create("not json")).rejects.toMatchObject({ name: "BadRequestException", Reason: "InvalidConfiguration" });
    expect((await create(JSON.stringify({ boolEnableLimitResults: true, intResultLimit: 10 }))).VersionNumber).toBe(1);
  });

  it("validates with JSON Schema draft-04 and refuses a schema declaring another draft", async () => {
    const c = client();
    const a = await app(c);
    const draft4 = JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", properties: { n: { type: "integer", maximum: 10, exclusiveMaximum: true } } });
    const p = await hostedProfile(c, a.Id!, [{ Type: "JSON_SCHEMA", Content: draft4 }]);
    const create = (n: number) => c.send(new CreateHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: utf8(JSON.stringify({ n })), ContentType: "application/json" }));
    expect((await create(9)).VersionNumber).toBe(1);
    await expect(create(10)).rejects.toMatchObject({ name: "BadRequestException", Reason: "InvalidConfiguration" });
    const draft7 = JSON.stringify({ $schema: "http://json-schema.org/draft-07/schema#", type: "object" });
    await expect(hostedProfile(c, a.Id!, [{ Type: "JSON_SCHEMA", Content: draft7 }])).rejects.toMatchObject({ name: "BadRequestException" });
  });
});

describe("deployment strategies", () => {
  it("lists the predefined strategies as AWS documents them", async () => {
    const { Items } = await client({ region: "sa-east-1" }).send(new ListDeploymentStrategiesCommand({}));
    expect(Items).toEqual([
      { Id: "AppConfig.AllAtOnce", Name: "AppConfig.AllAtOnce", Description: "Quick", DeploymentDurationInMinutes: 0, GrowthType: "LINEAR", GrowthFactor: 100, FinalBakeTimeInMinutes: 10, ReplicateTo: "NONE" },
      { Id: "AppConfig.Linear50PercentEvery30Seconds", Name: "AppConfig.Linear50PercentEvery30Seconds", Description: "Test/Demo", DeploymentDurationInMinutes: 1, GrowthType: "LINEAR", GrowthFactor: 50, FinalBakeTimeInMinutes: 1, ReplicateTo: "NONE" },
      { Id: "AppConfig.Canary10Percent20Minutes", Name: "AppConfig.Canary10Percent20Minutes", Description: "AWS Recommended", DeploymentDurationInMinutes: 20, GrowthType: "EXPONENTIAL", GrowthFactor: 10, FinalBakeTimeInMinutes: 10, ReplicateTo: "NONE" },
      { Id: "AppConfig.Linear20PercentEvery6Minutes", Name: "AppConfig.Linear20PercentEvery6Minutes", Description: "AWS Recommended", DeploymentDurationInMinutes: 30, GrowthType: "LINEAR", GrowthFactor: 20, FinalBakeTimeInMinutes: 30, ReplicateTo: "NONE" },
    ]);
  });

  it("creates, reads, updates, pages through and deletes custom strategies", async () => {
    const c = client({ region: "sa-east-1" });
    const s = await c.send(new CreateDeploymentStrategyCommand({ Name: "Quarter", DeploymentDurationInMinutes: 4, GrowthFactor: 25, FinalBakeTimeInMinutes: 2 }));
    expect(s).toMatchObject({ $metadata: { httpStatusCode: 201 }, GrowthType: "LINEAR", ReplicateTo: "NONE" });
    expect(s.Id).toMatch(/^[a-z0-9]{7}$/);
    await c.send(new UpdateDeploymentStrategyCommand({ DeploymentStrategyId: s.Id, FinalBakeTimeInMinutes: 5 }));
    expect(await c.send(new GetDeploymentStrategyCommand({ DeploymentStrategyId: s.Id }))).toMatchObject({ Name: "Quarter", FinalBakeTimeInMinutes: 5 });
    const all = await collect(paginateListDeploymentStrategies({ client: c, pageSize: 2 }, {}));
    expect(all.pages).toBe(3);
    expect(all.items.map((x) => x.Name)[0]).toBe("Quarter");
    await c.send(new DeleteDeploymentStrategyCommand({ DeploymentStrategyId: s.Id }));
    await expect(c.send(new GetDeploymentStrategyCommand({ DeploymentStrategyId: s.Id }))).rejects.toMatchObject({ name: "ResourceNotFoundException", ResourceName: "DeploymentStrategy" });
    await expect(c.send(new DeleteDeploymentStrategyCommand({ DeploymentStrategyId: "AppConfig.AllAtOnce" }))).rejects.toMatchObject({ name: "BadRequestException" });
  });
});

describe("deployments", () => {
  async function setup(c: AppConfigClient, validators?: { Type: "JSON_SCHEMA"; Content: string }[]) {
    const a = await app(c);
    const env = await c.send(new CreateEnvironmentCommand({ ApplicationId: a.Id, Name: "development" }));
    const p = await hostedProfile(c, a.Id!, validators);
    const v = await c.send(
      new CreateHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: utf8(JSON.stringify({ boolEnableLimitResults: true })), ContentType: "application/json" }),
    );
    const ids = { ApplicationId: a.Id!, EnvironmentId: env.Id! };
    const start = (strategy = "AppConfig.Linear50PercentEvery30Seconds") =>
      c.send(new StartDeploymentCommand({ ...ids, ConfigurationProfileId: p.Id, ConfigurationVersion: String(v.VersionNumber), DeploymentStrategyId: strategy, Description: "roll out" }));
    const envState = async () => (await c.send(new GetEnvironmentCommand(ids))).State;
    return { ids, profileId: p.Id!, start, envState };
  }

  it("progresses DEPLOYING → BAKING → COMPLETE on the world clock, one deployment per environment at a time", async () => {
    const c = client();
    const { ids, start, envState } = await setup(c);
    const started = await start();
    expect(started).toMatchObject({ $metadata: { httpStatusCode: 201 }, DeploymentNumber: 1, State: "DEPLOYING", PercentageComplete: 0, ConfigurationVersion: "1", ConfigurationName: "ListServicesAppConfigConfigProfile", DeploymentDurationInMinutes: 1, FinalBakeTimeInMinutes: 1 });
    expect(started.StartedAt).toBeInstanceOf(Date);
    expect(await envState()).toBe("DEPLOYING");
    const get = () => c.send(new GetDeploymentCommand({ ...ids, DeploymentNumber: 1 }));

    emu().world.clock.advance(31_000);
    expect(await get()).toMatchObject({ State: "DEPLOYING", PercentageComplete: 50 });
    emu().world.clock.advance(30_000);
    expect(await get()).toMatchObject({ State: "BAKING", PercentageComplete: 100 });
    expect(await envState()).toBe("DEPLOYING");
    const conflict = await failure(start());
    expect(conflict).toMatchObject({ name: "ConflictException", $metadata: { httpStatusCode: 409 } });

    emu().world.clock.advance(MINUTE);
    const done = await get();
    expect(done).toMatchObject({ State: "COMPLETE", PercentageComplete: 100 });
    expect(done.CompletedAt!.getTime() - done.StartedAt!.getTime()).toBe(2 * MINUTE);
    expect(done.EventLog!.map((e) => e.EventType)).toEqual(["DEPLOYMENT_COMPLETED", "BAKE_TIME_STARTED", "PERCENTAGE_UPDATED", "PERCENTAGE_UPDATED", "DEPLOYMENT_STARTED"]);
    expect(await envState()).toBe("READY_FOR_DEPLOYMENT");
    expect((await start("AppConfig.AllAtOnce")).DeploymentNumber).toBe(2);
  });

  it("rolls a deployment back with StopDeployment and lists deployments newest first", async () => {
    const c = client();
    const { ids, start, envState } = await setup(c);
    for (let n = 1; n <= 3; n++) {
      await start();
      const stopped = await c.send(new StopDeploymentCommand({ ...ids, DeploymentNumber: n }));
      expect(stopped).toMatchObject({ $metadata: { httpStatusCode: 202 }, State: "ROLLED_BACK" });
      expect(stopped.EventLog![0]!.EventType).toBe("ROLLBACK_COMPLETED");
    }
    expect(await envState()).toBe("ROLLED_BACK");
    await expect(c.send(new StopDeploymentCommand({ ...ids, DeploymentNumber: 3 }))).rejects.toMatchObject({ name: "BadRequestException" });
    const listed = await collect(paginateListDeployments({ client: c, pageSize: 2 }, ids));
    expect(listed.pages).toBe(2);
    expect(listed.items.map((d) => [d.DeploymentNumber, d.State])).toEqual([[3, "ROLLED_BACK"], [2, "ROLLED_BACK"], [1, "ROLLED_BACK"]]);
    await expect(c.send(new GetDeploymentCommand({ ...ids, DeploymentNumber: 9 }))).rejects.toMatchObject({ name: "ResourceNotFoundException", ResourceName: "Deployment" });
  });

  it("validates the version's content against the profile's validators on StartDeployment", async () => {
    const c = client();
    const { ids, profileId, start } = await setup(c);
    const stricter = JSON.stringify({ type: "object", required: ["intResultLimit"] });
    await c.send(new UpdateConfigurationProfileCommand({ ApplicationId: ids.ApplicationId, ConfigurationProfileId: profileId, Validators: [{ Type: "JSON_SCHEMA", Content: stricter }] }));
    const err = await failure(start());
    expect(err).toMatchObject({ name: "BadRequestException", Reason: "InvalidConfiguration", Details: { InvalidConfiguration: [expect.objectContaining({ Constraint: "required" })] } });
    expect((await c.send(new GetEnvironmentCommand(ids))).State).toBe("READY_FOR_DEPLOYMENT");
  });

  it("reports missing strategies and versions", async () => {
    const c = client();
    const { ids, profileId } = await setup(c);
    const base = { ...ids, ConfigurationProfileId: profileId, ConfigurationVersion: "1", DeploymentStrategyId: "AppConfig.AllAtOnce" };
    await expect(c.send(new StartDeploymentCommand({ ...base, DeploymentStrategyId: "nope123" }))).rejects.toMatchObject({ name: "ResourceNotFoundException", ResourceName: "DeploymentStrategy" });
    await expect(c.send(new StartDeploymentCommand({ ...base, ConfigurationVersion: "7" }))).rejects.toMatchObject({ name: "ResourceNotFoundException", ResourceName: "HostedConfigurationVersion" });
  });
});

describe("deployments on a scaled clock", () => {
  // 1200 emulated seconds per real second: Linear50PercentEvery30Seconds (2 emulated minutes) takes 0.1 s.
  const fast = withEmulator({ timeScale: 1200 });

  it("completes without the test advancing the clock", async () => {
    const c = clientFor(fast(), "appconfig", { maxAttempts: 1 });
    const a = await app(c);
    const env = await c.send(new CreateEnvironmentCommand({ ApplicationId: a.Id, Name: "production" }));
    const p = await hostedProfile(c, a.Id!, []);
    await c.send(new CreateHostedConfigurationVersionCommand({ ApplicationId: a.Id, ConfigurationProfileId: p.Id, Content: utf8("{}"), ContentType: "application/json" }));
    const ids = { ApplicationId: a.Id, EnvironmentId: env.Id };
    await c.send(new StartDeploymentCommand({ ...ids, ConfigurationProfileId: p.Id, ConfigurationVersion: "1", DeploymentStrategyId: "AppConfig.Linear50PercentEvery30Seconds" }));
    let state: string | undefined;
    const deadline = Date.now() + 5_000;
    while (state !== "COMPLETE" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      state = (await c.send(new GetDeploymentCommand({ ...ids, DeploymentNumber: 1 }))).State;
    }
    expect(state).toBe("COMPLETE");
  });
});

describe("tags", () => {
  it("tags applications, environments and profiles by ARN", async () => {
    const c = client();
    const a = await c.send(new CreateApplicationCommand({ Name: "Tagged", Tags: { env: "dev" } }));
    const env = await c.send(new CreateEnvironmentCommand({ ApplicationId: a.Id, Name: "development", Tags: { tier: "1" } }));
    const p = await c.send(new CreateConfigurationProfileCommand({ ApplicationId: a.Id, Name: "p", LocationUri: "hosted", Tags: { owner: "me" } }));
    const appArn = `arn:aws:appconfig:eu-west-1:${ACCOUNT_A}:application/${a.Id}`;
    const envArn = `${appArn}/environment/${env.Id}`;
    const profileArn = `${appArn}/configurationprofile/${p.Id}`;
    const tagsOf = async (ResourceArn: string) => (await c.send(new ListTagsForResourceCommand({ ResourceArn }))).Tags;

    expect(await tagsOf(appArn)).toEqual({ env: "dev" });
    expect(await tagsOf(envArn)).toEqual({ tier: "1" });
    expect(await tagsOf(profileArn)).toEqual({ owner: "me" });
    await c.send(new TagResourceCommand({ ResourceArn: envArn, Tags: { tier: "2", cost: "x" } }));
    expect(await tagsOf(envArn)).toEqual({ tier: "2", cost: "x" });
    await c.send(new UntagResourceCommand({ ResourceArn: envArn, TagKeys: ["tier", "absent"] }));
    expect(await tagsOf(envArn)).toEqual({ cost: "x" });
    expect(await tagsOf(appArn)).toEqual({ env: "dev" });

    await expect(tagsOf(`arn:aws:appconfig:eu-west-1:${ACCOUNT_A}:application/missing`)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(tagsOf(`arn:aws:appconfig:us-east-1:${ACCOUNT_A}:application/${a.Id}`)).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(tagsOf("not-an-arn")).rejects.toMatchObject({ name: "BadRequestException" });
  });
});

describe("isolation", () => {
  it("keeps state per region and per account", async () => {
    const created = await app(client({ region: "eu-central-1" }), "Regional");
    const get = (c: AppConfigClient) => c.send(new GetApplicationCommand({ ApplicationId: created.Id }));
    await expect(get(client({ region: "eu-central-1" }))).resolves.toMatchObject({ Name: "Regional" });
    await expect(get(client({ region: "us-west-2" }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    await expect(get(client({ region: "eu-central-1", key: KEY_B }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
    const listB = await client({ region: "eu-central-1", key: KEY_B }).send(new ListApplicationsCommand({}));
    expect(listB.Items).toEqual([]);
  });
});

describe("throttling", () => {
  it("answers an injected throttle the way the SDK recognises and retries", async () => {
    const handle: EmulatorHandle = await startEmulator();
    try {
      handle.setFaults({ rules: [{ service: "appconfig", operation: "ListApplications", rate: 1, kind: "throttle" }] });
      const once = clientFor(handle, "appconfig", { maxAttempts: 1 });
      const err = await failure(once.send(new ListApplicationsCommand({})));
      expect(err).toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 429 } });
      await expect(once.send(new CreateApplicationCommand({ Name: "unaffected" }))).resolves.toMatchObject({ Name: "unaffected" });
      expect(handle.callCounts()).toMatchObject({ "appconfig:ListApplications": 1, "appconfig:CreateApplication": 1 });
    } finally {
      await handle.stop();
    }
  });
});

describe("snapshots", () => {
  const seed: Snapshot = {
    formatVersion: 1,
    appconfig: {
      accounts: {
        [ACCOUNT_A]: {
          "eu-west-1": {
            applications: [
              {
                Name: "ListServices",
                Tags: { team: "platform" },
                environments: ["development", { Name: "production", Description: "prod" }],
                profiles: [
                  {
                    Name: "ListServicesAppConfigConfigProfile",
                    Validators: [{ Type: "JSON_SCHEMA", Content: SCHEMA }],
                    versions: [
                      { content: '{"boolEnableLimitResults":false}', contentType: "application/json" },
                      { content: '{"boolEnableLimitResults":true,"intResultLimit":10}', contentType: "application/json", description: "v2" },
                    ],
                  },
                ],
                deployments: [{ environment: "development", profile: "ListServicesAppConfigConfigProfile", version: 2, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" }],
              },
            ],
          },
        },
      },
    },
  };

  it("seeds applications, versions and completed deployments, and dumps them back", async () => {
    const handle = await startEmulator({ snapshot: seed });
    try {
      const c = clientFor(handle, "appconfig", { region: "eu-west-1", maxAttempts: 1 });
      const [a] = (await c.send(new ListApplicationsCommand({}))).Items!;
      expect(a).toMatchObject({ Name: "ListServices" });
      const envs = await collect(paginateListEnvironments({ client: c }, { ApplicationId: a!.Id }));
      const dev = envs.items.find((e) => e.Name === "development")!;
      const [p] = (await c.send(new ListConfigurationProfilesCommand({ ApplicationId: a!.Id }))).Items!;
      const v2 = await c.send(new GetHostedConfigurationVersionCommand({ ApplicationId: a!.Id, ConfigurationProfileId: p!.Id, VersionNumber: 2 }));
      expect(new TextDecoder().decode(v2.Content)).toBe('{"boolEnableLimitResults":true,"intResultLimit":10}');
      const d = await c.send(new GetDeploymentCommand({ ApplicationId: a!.Id, EnvironmentId: dev.Id, DeploymentNumber: 1 }));
      expect(d).toMatchObject({ State: "COMPLETE", ConfigurationVersion: "2", DeploymentStrategyId: "AppConfig.AllAtOnce" });
      expect(dev.State).toBe("READY_FOR_DEPLOYMENT");

      const dumped = handle.snapshot().appconfig as any;
      const region = dumped.accounts[ACCOUNT_A]["eu-west-1"];
      expect(region.applications[0]).toMatchObject({
        Name: "ListServices",
        Tags: { team: "platform" },
        environments: [{ Name: "development" }, { Name: "production", Description: "prod" }],
        profiles: [{ Name: "ListServicesAppConfigConfigProfile", versions: [{ versionNumber: 1 }, { versionNumber: 2, description: "v2" }] }],
        deployments: [{ environment: "development", version: "2", strategy: "AppConfig.AllAtOnce", state: "COMPLETE" }],
      });
    } finally {
      await handle.stop();
    }
  });
});
