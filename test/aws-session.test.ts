import { describe, expect, it } from "vitest";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { withEmulator } from "./helpers/emulator.js";
import { AccountAccessError, SessionBroker, roleSessionName } from "../src/aws/session.js";
import { ClientFactory } from "../src/aws/clients.js";
import type { Snapshot } from "../src/emulator/index.js";

const MANAGEMENT = "111111111111";
const MEMBER = "222222222222";
const LOCKED = "333333333333";
const ACCESS_ROLE = "OrganizationAccountAccessRole";

const trust = (principal: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }],
});

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MANAGEMENT,
    accounts: [
      { id: MEMBER, name: "member", email: "member@example.com" },
      // Its access role trusts some other account, not the management account.
      { id: LOCKED, name: "locked", email: "locked@example.com", accessRole: false },
    ],
  },
  iam: { accounts: { [LOCKED]: { roles: [{ RoleName: ACCESS_ROLE, AssumeRolePolicyDocument: trust("arn:aws:iam::999999999999:root") }] } } },
};

const emulator = withEmulator({ snapshot });

function brokerFor(opts: { runId?: string; now?: () => number; sourceIdentity?: string } = {}): SessionBroker {
  const e = emulator();
  return new SessionBroker({
    accessRole: ACCESS_ROLE,
    endpoint: e.url,
    region: "us-east-1",
    credentials: async () => ({ accessKeyId: e.credentials.accessKeyId, secretAccessKey: e.credentials.secretAccessKey }),
    ...opts,
  });
}

function stsCalls(operation: string): number {
  return emulator().world.calls.filter((c) => c.service === "sts" && c.operation === operation).length;
}

describe("session broker", () => {
  it("uses the caller's own account without AssumeRole", async () => {
    const broker = brokerFor();
    const before = stsCalls("AssumeRole");
    const session = await broker.sessionFor(MANAGEMENT);
    expect(session.assumed).toBe(false);
    expect(stsCalls("AssumeRole")).toBe(before);
    broker.destroy();
  });

  it("assumes the access role once per account and shares it between concurrent and later requests", async () => {
    const broker = brokerFor({ runId: "abc1234" });
    const before = stsCalls("AssumeRole");
    const [a, b] = await Promise.all([broker.sessionFor(MEMBER), broker.sessionFor(MEMBER)]);
    await broker.sessionFor(MEMBER);
    expect(stsCalls("AssumeRole") - before).toBe(1);
    expect(a.assumed && b.assumed).toBe(true);

    // The session really is the access role in the member account, named after the run.
    const sts = new STSClient({ endpoint: emulator().url, region: "us-east-1", credentials: a.credentials });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe(MEMBER);
    expect(me.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/${ACCESS_ROLE}/orgctl-abc1234`);
    expect(broker.counter.counts["sts:AssumeRole"]).toBe(1);
    sts.destroy();
    broker.destroy();
  });

  it("assumes the role again when the cached session is within 5 minutes of expiry", async () => {
    let now = Date.now();
    const broker = brokerFor({ now: () => now });
    const before = stsCalls("AssumeRole");
    const session = await broker.sessionFor(MEMBER);
    const creds = await session.credentials();
    now = creds.expiration!.getTime() - 6 * 60_000;
    await session.credentials();
    expect(stsCalls("AssumeRole") - before).toBe(1);
    now = creds.expiration!.getTime() - 4 * 60_000;
    await session.credentials();
    expect(stsCalls("AssumeRole") - before).toBe(2);
    broker.destroy();
  });

  it("reports a role that does not trust the caller as a clear per-account error without credentials", async () => {
    const broker = brokerFor();
    const error = await broker.sessionFor(LOCKED).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountAccessError);
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`^cannot assume arn:aws:iam::${LOCKED}:role/${ACCESS_ROLE}: AccessDenied: .+`));
    expect(message).not.toContain(emulator().credentials.accessKeyId);
    expect(message).not.toContain(emulator().credentials.secretAccessKey);
    // Other accounts are unaffected.
    await expect(broker.sessionFor(MEMBER)).resolves.toMatchObject({ assumed: true });
    broker.destroy();
  });

  it("sends SourceIdentity only when asked, which the default access role's trust does not allow", async () => {
    const broker = brokerFor({ sourceIdentity: "alice@example.com" });
    await expect(broker.sessionFor(MEMBER)).rejects.toThrow(/cannot assume .*AccessDenied/);
    broker.destroy();
  });

  it("builds one client per account and service, counting API calls by service:Operation", async () => {
    const factory = new ClientFactory(brokerFor());
    const iam = await factory.iam(MEMBER);
    expect(await factory.iam(MEMBER)).toBe(iam);
    const roles = await iam.send(new ListRolesCommand({}));
    expect(roles.Roles?.map((r) => r.RoleName)).toContain(ACCESS_ROLE);
    expect(factory.apiCalls).toEqual({ "sts:GetCallerIdentity": 1, "sts:AssumeRole": 1, "iam:ListRoles": 1 });
    factory.destroy();
  });

  it("honours AWS_ENDPOINT_URL without an explicit endpoint", async () => {
    const e = emulator();
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = e.url;
    try {
      const broker = new SessionBroker({
        accessRole: ACCESS_ROLE,
        region: "us-east-1",
        credentials: async () => ({ accessKeyId: e.credentials.accessKeyId, secretAccessKey: e.credentials.secretAccessKey }),
      });
      await expect(broker.callerIdentity()).resolves.toEqual({ account: MANAGEMENT, arn: `arn:aws:iam::${MANAGEMENT}:user/sandbox-admin` });
      broker.destroy();
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});

describe("roleSessionName", () => {
  it("keeps to the characters and length STS accepts", () => {
    expect(roleSessionName("feature/x y")).toBe("orgctl-feature-x-y");
    expect(roleSessionName("a".repeat(100))).toHaveLength(64);
    expect(roleSessionName(undefined, Date.parse("2024-05-06T07:08:09.123Z"))).toBe("orgctl-20240506T070809");
  });
});
