import { describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { CreateRoleCommand, GetRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { ListAccountsCommand } from "@aws-sdk/client-organizations";
import { ListApplicationsCommand } from "@aws-sdk/client-appconfig";
import { putRole } from "../src/emulator/iam/state.js";
import { startEmulator } from "../src/emulator/index.js";
import type { ServiceModule } from "../src/emulator/types.js";
import { adminUsers, clientFor, envFor, withEmulator, type EmulatorHandle, type Keys } from "./helpers/emulator.js";

const identity = new GetCallerIdentityCommand({});
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] });

function sts(emu: EmulatorHandle, opts: { credentials?: Keys; maxAttempts?: number } = {}) {
  return clientFor(emu, "sts", { maxAttempts: 1, ...opts });
}

async function sessionKeys(emu: EmulatorHandle, durationSeconds = 900): Promise<Keys> {
  const roleArn = putRole(emu.world, "222222222222", {
    roleName: `Session${emu.world.calls.length}`,
    assumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] }),
  }).arn;
  const c = (await sts(emu).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1", DurationSeconds: durationSeconds })))
    .Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

describe("routing and authentication", () => {
  const emu = withEmulator();

  it("routes signed requests of every service to its module", async () => {
    const results = await Promise.allSettled([
      clientFor(emu(), "sts", { maxAttempts: 1 }).send(identity),
      clientFor(emu(), "iam", { maxAttempts: 1 }).send(new ListRolesCommand({})),
      clientFor(emu(), "organizations", { maxAttempts: 1 }).send(new ListAccountsCommand({})),
      clientFor(emu(), "appconfig", { maxAttempts: 1 }).send(new ListApplicationsCommand({})),
    ]);
    const authErrors = results.filter((r) => r.status === "rejected" && /Token|Signature|Unrecognized/.test((r.reason as Error).name));
    expect(authErrors).toEqual([]);
    expect(emu().world.calls.map((c) => c.service).sort()).toEqual(["appconfig", "iam", "organizations", "sts"]);
    expect(emu().callCounts()["sts:GetCallerIdentity"]).toBe(1);
  });

  it("rejects a wrong secret with each protocol's signature error", async () => {
    const bad = { accessKeyId: emu().credentials.accessKeyId, secretAccessKey: "wrong-secret" };
    await expect(sts(emu(), { credentials: bad }).send(identity)).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(clientFor(emu(), "organizations", { credentials: bad, maxAttempts: 1 }).send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: "InvalidSignatureException",
    });
    expect(emu().world.calls.at(-1)).toMatchObject({ service: "organizations", status: 403 });
  });

  it("rejects an unknown access key", async () => {
    const unknown = { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey: "x" };
    await expect(sts(emu(), { credentials: unknown }).send(identity)).rejects.toMatchObject({ name: "InvalidClientTokenId", $metadata: { httpStatusCode: 403 } });
    await expect(clientFor(emu(), "appconfig", { credentials: unknown, maxAttempts: 1 }).send(new ListApplicationsCommand({}))).rejects.toMatchObject({
      name: "UnrecognizedClientException",
    });
  });

  it("rejects a session token that does not belong to the key", async () => {
    const keys = await sessionKeys(emu());
    await expect(sts(emu(), { credentials: { ...keys, sessionToken: "forged" } }).send(identity)).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    const longTerm = { ...emu().credentials, sessionToken: keys.sessionToken! };
    await expect(sts(emu(), { credentials: longTerm }).send(identity)).rejects.toMatchObject({ name: "InvalidClientTokenId" });
  });

  it("expires session credentials on the emulated clock", async () => {
    const keys = await sessionKeys(emu(), 900);
    await expect(sts(emu(), { credentials: keys }).send(identity)).resolves.toMatchObject({ Account: "222222222222" });
    emu().world.clock.advance(901_000);
    await expect(sts(emu(), { credentials: keys }).send(identity)).rejects.toMatchObject({ name: "ExpiredToken", $metadata: { httpStatusCode: 403 } });
  });

  it("answers unsigned requests with MissingAuthenticationToken", async () => {
    const res = await fetch(emu().url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  });

  it("survives a module throwing an unexpected exception (500 InternalFailure)", async () => {
    const original = emu().world.services.get("organizations")!;
    const broken: ServiceModule = { ...original, handle: () => { throw new TypeError("boom"); } };
    emu().world.services.set("organizations", broken);
    try {
      await expect(clientFor(emu(), "organizations", { maxAttempts: 1 }).send(new ListAccountsCommand({}))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 500 },
      });
    } finally {
      emu().world.services.set("organizations", original);
    }
    await expect(sts(emu()).send(identity)).resolves.toBeDefined();
  });

  it("serves clients configured only through AWS_ENDPOINT_URL and the environment", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, envFor(emu()));
    try {
      const client = new STSClient({});
      await expect(client.send(identity)).resolves.toMatchObject({ Account: "111111111111" });
    } finally {
      for (const key of Object.keys(envFor(emu()))) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});

describe("fault injection", () => {
  const emu = withEmulator({ seed: 3 });
  const identityCalls = (e: EmulatorHandle) => e.world.calls.filter((c) => c.operation === "GetCallerIdentity");

  it("injected throttling is retried by the SDK until it succeeds", async () => {
    emu().setFaults({ seed: 1, rules: [{ service: "sts", operation: "GetCallerIdentity", rate: 0.5, kind: "throttle" }] });
    const before = identityCalls(emu()).length;
    for (let i = 0; i < 3; i++) await expect(sts(emu(), { maxAttempts: 10 }).send(identity)).resolves.toBeDefined();
    const calls = identityCalls(emu()).slice(before);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(3);
    expect(calls.filter((c) => c.status === 400).length).toBeGreaterThan(0);
    emu().setFaults({});
  });

  it("throttling uses the service's own error", async () => {
    emu().setFaults({ rules: [{ service: "sts", rate: 1, kind: "throttle" }] });
    await expect(sts(emu()).send(identity)).rejects.toMatchObject({ name: "Throttling", $metadata: { httpStatusCode: 400 } });
    emu().setFaults({});
  });

  it("5xx faults surface as InternalFailure / ServiceUnavailable and are retried", async () => {
    emu().setFaults({ rules: [{ service: "sts", rate: 1, kind: "5xx" }] });
    const before = identityCalls(emu()).length;
    const err = await sts(emu(), { maxAttempts: 2 }).send(identity).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: expect.stringMatching(/^(InternalFailure|ServiceUnavailable)$/) });
    const statuses = identityCalls(emu()).slice(before).map((c) => c.status);
    expect(statuses).toHaveLength(2);
    for (const s of statuses) expect([500, 503]).toContain(s);
    emu().setFaults({});
  });

  it("drop closes the connection without a response", async () => {
    emu().setFaults({ rules: [{ service: "sts", rate: 1, kind: "drop" }] });
    await expect(sts(emu()).send(identity)).rejects.toThrow(/socket hang up|ECONNRESET/i);
    expect(emu().world.calls.at(-1)).toMatchObject({ operation: "GetCallerIdentity", status: 0 });
    emu().setFaults({});
    await expect(sts(emu()).send(identity)).resolves.toBeDefined();
  });

  it("lose-response runs the call, keeps its effect and drops the answer, for exactly the first N calls", async () => {
    emu().setFaults({ rules: [{ service: "iam", operation: "CreateRole", rate: 1, first: 1, kind: "lose-response" }] });
    const iam = clientFor(emu(), "iam", { maxAttempts: 1 });
    const create = (RoleName: string) => iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: TRUST }));
    await expect(create("LostAnswer")).rejects.toThrow(/socket hang up|ECONNRESET/i);
    expect(emu().world.calls.at(-1)).toMatchObject({ service: "iam", operation: "CreateRole", status: 0 });
    expect((await iam.send(new GetRoleCommand({ RoleName: "LostAnswer" }))).Role?.RoleName).toBe("LostAnswer");
    // The retry a client would make now meets its own committed effect.
    await expect(create("LostAnswer")).rejects.toMatchObject({ name: "EntityAlreadyExistsException" });
    await expect(create("Answered")).resolves.toMatchObject({ Role: { RoleName: "Answered" } });
    emu().setFaults({});
  });

  it("lose-response with answer 5xx sends a server error for a call that ran", async () => {
    emu().setFaults({ rules: [{ service: "iam", operation: "CreateRole", rate: 1, first: 2, kind: "lose-response", answer: "5xx" }] });
    const iam = clientFor(emu(), "iam", { maxAttempts: 1 });
    for (const RoleName of ["Lost5xxA", "Lost5xxB"]) {
      await expect(iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: TRUST }))).rejects.toMatchObject({
        name: expect.stringMatching(/^(InternalFailure|ServiceUnavailable)$/),
      });
    }
    await expect(iam.send(new CreateRoleCommand({ RoleName: "Answered5xx", AssumeRolePolicyDocument: TRUST }))).resolves.toMatchObject({ Role: { RoleName: "Answered5xx" } });
    const roles = (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName).filter((n) => n!.includes("5xx"));
    expect(roles.sort()).toEqual(["Answered5xx", "Lost5xxA", "Lost5xxB"]);
    emu().setFaults({});
  });

  it("error answers the given AWS error in the service's shape without running the call", async () => {
    emu().setFaults({ rules: [{ service: "iam", operation: "GetRole", rate: 1, first: 1, kind: "error", error: { code: "NoSuchEntity", status: 404, message: "not yet" } }] });
    const iam = clientFor(emu(), "iam", { maxAttempts: 1 });
    await iam.send(new CreateRoleCommand({ RoleName: "NotVisibleYet", AssumeRolePolicyDocument: TRUST }));
    await expect(iam.send(new GetRoleCommand({ RoleName: "NotVisibleYet" }))).rejects.toMatchObject({ name: "NoSuchEntityException", message: "not yet", $metadata: { httpStatusCode: 404 } });
    await expect(iam.send(new GetRoleCommand({ RoleName: "NotVisibleYet" }))).resolves.toMatchObject({ Role: { RoleName: "NotVisibleYet" } });
    emu().setFaults({});
  });

  it("adds latency", async () => {
    emu().setFaults({ latencyMs: 120 });
    const started = performance.now();
    await sts(emu()).send(identity);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    emu().setFaults({});
  });

  it("rate limits per account and service with a token bucket", async () => {
    const other = { accessKeyId: "AKIAOTHERACCOUNT0001", secretAccessKey: "other-secret", accountId: "444444444444" };
    const e = await startEmulator({ snapshot: adminUsers([e0Key(), other]), faults: { rateLimits: { sts: 2 } } });
    try {
      const results = await Promise.allSettled(Array.from({ length: 5 }, () => sts(e).send(identity)));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
      expect(results.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason as Error).name)).toEqual(Array(3).fill("Throttling"));
      // Another account has its own bucket.
      await expect(sts(e, { credentials: other }).send(identity)).resolves.toMatchObject({ Account: "444444444444" });
    } finally {
      await e.stop();
    }
  });
});

function e0Key() {
  return { accessKeyId: "AKIAFIRSTACCOUNT0001", secretAccessKey: "first-secret", accountId: "111111111111" };
}

describe("clock", () => {
  it("runs timeScale times faster than real time and can be advanced", async () => {
    const e = await startEmulator({ timeScale: 1000 });
    try {
      const start = e.world.clock.now();
      await new Promise((r) => setTimeout(r, 20));
      expect(e.world.clock.now() - start).toBeGreaterThanOrEqual(15_000);
      const before = e.world.clock.now();
      e.world.clock.advance(3_600_000);
      expect(e.world.clock.now() - before).toBeGreaterThanOrEqual(3_600_000);
    } finally {
      await e.stop();
    }
  });
});

describe("snapshots and determinism", () => {
  it("a snapshot's credentials come back after dump and reload", async () => {
    const first = await startEmulator({ snapshot: { formatVersion: 1, credentials: [e0Key(), { ...e0Key(), accessKeyId: "AKIAUSERKEY000000001", userName: "ci" }] } });
    const dumped = first.snapshot();
    await first.stop();
    const second = await startEmulator({ snapshot: JSON.parse(JSON.stringify(dumped)) });
    try {
      expect(second.credentials.accessKeyId).toBe("AKIAFIRSTACCOUNT0001");
      const user = { accessKeyId: "AKIAUSERKEY000000001", secretAccessKey: "first-secret" };
      await expect(sts(second, { credentials: user }).send(identity)).resolves.toMatchObject({ Arn: "arn:aws:iam::111111111111:user/ci" });
    } finally {
      await second.stop();
    }
  });

  it("the same seed issues the same ids", async () => {
    const ids = async () => {
      const e = await startEmulator({ seed: 42 });
      try {
        return (await sessionKeys(e)).accessKeyId;
      } finally {
        await e.stop();
      }
    };
    expect(await ids()).toBe(await ids());
  });
});
