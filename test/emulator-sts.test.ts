import { describe, expect, it } from "vitest";
import { AssumeRoleCommand, GetCallerIdentityCommand, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { putRole } from "../src/emulator/iam/state.js";
import { addLongTermKey } from "../src/emulator/world.js";
import { clientFor, withEmulator, type EmulatorHandle, type Keys } from "./helpers/emulator.js";

const MGMT = "111111111111";
const DEV = "222222222222";
const PROD = "333333333333";
const ADMIN = `arn:aws:iam::${MGMT}:user/sandbox-admin`;

function trust(statements: object[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function allow(principal: unknown, extra: object = {}, action: string | string[] = "sts:AssumeRole"): object {
  return { Effect: "Allow", Principal: principal, Action: action, ...extra };
}

/** Every role here may itself assume roles, so these tests are about trust policies only (identity policies: emulator-authz). */
const MAY_ASSUME = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole", "sts:SetSourceIdentity"], Resource: "*" }] });

function addRole(emu: EmulatorHandle, account: string, name: string, policy: string, maxSessionDuration?: number): string {
  const role = putRole(emu.world, account, { roleName: name, assumeRolePolicyDocument: policy, ...(maxSessionDuration ? { maxSessionDuration } : {}) });
  role.inlinePolicies.set("may-assume", MAY_ASSUME);
  return role.arn;
}

async function assume(emu: EmulatorHandle, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }, as?: Keys) {
  const sts = clientFor(emu, "sts", { maxAttempts: 1, ...(as ? { credentials: as } : {}) });
  return sts.send(new AssumeRoleCommand({ RoleSessionName: "orgctl", ...input }));
}

async function sessionKeys(emu: EmulatorHandle, input: Partial<AssumeRoleCommandInput> & { RoleArn: string }, as?: Keys): Promise<Keys> {
  const c = (await assume(emu, input, as)).Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

async function whoAmI(emu: EmulatorHandle, as?: Keys) {
  return clientFor(emu, "sts", { maxAttempts: 1, ...(as ? { credentials: as } : {}) }).send(new GetCallerIdentityCommand({}));
}

describe("STS", () => {
  const emu = withEmulator({ seed: 7 });

  it("GetCallerIdentity describes the default principal: the IAM user sandbox-admin of the management account", async () => {
    const id = await whoAmI(emu());
    expect(id).toMatchObject({ Account: MGMT, Arn: ADMIN });
    expect(id.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
  });

  it("refuses AssumeRole to root credentials, as AWS does, even where the trust policy names the account", async () => {
    const root = { accessKeyId: "AKIAROOTKEY000000001", secretAccessKey: "root-secret", accountId: MGMT };
    addLongTermKey(emu().world, root);
    const roleArn = addRole(emu(), DEV, "TrustsManagement", trust([allow({ AWS: `arn:aws:iam::${MGMT}:root` })]));
    await expect(whoAmI(emu(), root)).resolves.toMatchObject({ Arn: `arn:aws:iam::${MGMT}:root`, UserId: MGMT });
    await expect(assume(emu(), { RoleArn: roleArn }, root)).rejects.toMatchObject({
      name: "AccessDenied",
      message: "Roles may not be assumed by root accounts.",
      $metadata: { httpStatusCode: 403 },
    });
    // The management account's IAM user may: the trust names the account, and AWS lets any principal of it in.
    await expect(assume(emu(), { RoleArn: roleArn })).resolves.toMatchObject({ AssumedRoleUser: { Arn: `arn:aws:sts::${DEV}:assumed-role/TrustsManagement/orgctl` } });
  });

  it("AssumeRole with an account principal returns session credentials acting in the role's account", async () => {
    const roleArn = addRole(emu(), DEV, "CrossAccount", trust([allow({ AWS: MGMT })]));
    const out = await assume(emu(), { RoleArn: roleArn, RoleSessionName: "deploy@ci" });
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z0-9]{16}$/);
    expect(c.SessionToken).toBeTruthy();
    expect(c.Expiration!.getTime() - emu().world.clock.now()).toBeGreaterThan(3590_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${DEV}:assumed-role/CrossAccount/deploy@ci`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z0-9]{17}:deploy@ci$/);

    const id = await whoAmI(emu(), { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    expect(id).toMatchObject({ Account: DEV, Arn: out.AssumedRoleUser!.Arn, UserId: out.AssumedRoleUser!.AssumedRoleId });
  });

  it("session credentials act only in the role's own account", async () => {
    const roleArn = addRole(emu(), DEV, "Scoped", trust([allow({ AWS: `arn:aws:iam::${MGMT}:root` })]));
    const keys = await sessionKeys(emu(), { RoleArn: roleArn });
    await whoAmI(emu(), keys);
    expect(emu().world.calls.at(-1)).toMatchObject({ service: "sts", operation: "GetCallerIdentity", accountId: DEV, status: 200 });
  });

  it("denies a caller from an account the trust policy does not name, and a role that does not exist", async () => {
    const roleArn = addRole(emu(), DEV, "ProdOnly", trust([allow({ AWS: `arn:aws:iam::${PROD}:root` })]));
    await expect(assume(emu(), { RoleArn: roleArn })).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${ADMIN} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      $metadata: { httpStatusCode: 403 },
    });
    await expect(assume(emu(), { RoleArn: `arn:aws:iam::${DEV}:role/Missing` })).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("a role principal admits that role's sessions only", async () => {
    const hubArn = addRole(emu(), DEV, "Hub", trust([allow({ AWS: MGMT })]));
    const spokeArn = addRole(emu(), PROD, "Spoke", trust([allow({ AWS: [hubArn] })]));
    const hub = await sessionKeys(emu(), { RoleArn: hubArn });
    const spoke = await assume(emu(), { RoleArn: spokeArn }, hub);
    expect(spoke.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/Spoke/orgctl`);
    await expect(assume(emu(), { RoleArn: spokeArn })).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("a service principal never admits an AWS caller", async () => {
    const roleArn = addRole(emu(), MGMT, "AppRunnerInstance", trust([allow({ Service: "tasks.apprunner.amazonaws.com" })]));
    await expect(assume(emu(), { RoleArn: roleArn })).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("action wildcards match case-insensitively and an explicit Deny wins", async () => {
    const open = addRole(emu(), DEV, "Wildcard", trust([allow({ AWS: "*" }, {}, ["STS:Assume*"])]));
    await expect(assume(emu(), { RoleArn: open })).resolves.toBeDefined();
    const denied = addRole(emu(), DEV, "Denied", trust([allow({ AWS: MGMT }), { Effect: "Deny", Principal: { AWS: "*" }, Action: "sts:*" }]));
    await expect(assume(emu(), { RoleArn: denied })).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("ExternalId conditions: right value passes, wrong or missing is denied, StringLike globs", async () => {
    const roleArn = addRole(emu(), DEV, "Vendor", trust([allow({ AWS: MGMT }, { Condition: { StringEquals: { "sts:ExternalId": "x-123" } } })]));
    await expect(assume(emu(), { RoleArn: roleArn, ExternalId: "x-123" })).resolves.toBeDefined();
    await expect(assume(emu(), { RoleArn: roleArn, ExternalId: "x-124" })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assume(emu(), { RoleArn: roleArn })).rejects.toMatchObject({ name: "AccessDenied" });
    const like = addRole(emu(), DEV, "VendorLike", trust([allow({ AWS: MGMT }, { Condition: { StringLike: { "sts:ExternalId": "tenant-*" } } })]));
    await expect(assume(emu(), { RoleArn: like, ExternalId: "tenant-42" })).resolves.toBeDefined();
    await expect(assume(emu(), { RoleArn: like, ExternalId: "other-42" })).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("MFA conditions need SerialNumber and TokenCode", async () => {
    const roleArn = addRole(emu(), DEV, "administrator", trust([allow({ AWS: MGMT }, { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })]));
    await expect(assume(emu(), { RoleArn: roleArn })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assume(emu(), { RoleArn: roleArn, SerialNumber: `arn:aws:iam::${MGMT}:mfa/alice`, TokenCode: "123456" })).resolves.toBeDefined();
    await expect(assume(emu(), { RoleArn: roleArn, SerialNumber: `arn:aws:iam::${MGMT}:mfa/alice`, TokenCode: "12345" })).rejects.toMatchObject({ name: "ValidationError" });
  });

  it("BoolIfExists passes when the key is absent, Null tests presence, unknown operators fail closed", async () => {
    const ifExists = addRole(emu(), DEV, "IfExists", trust([allow({ AWS: MGMT }, { Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } } })]));
    await expect(assume(emu(), { RoleArn: ifExists })).resolves.toBeDefined();
    const needsExternalId = addRole(emu(), DEV, "NullCheck", trust([allow({ AWS: MGMT }, { Condition: { Null: { "sts:ExternalId": "false" } } })]));
    await expect(assume(emu(), { RoleArn: needsExternalId })).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(assume(emu(), { RoleArn: needsExternalId, ExternalId: "anything" })).resolves.toBeDefined();
    const unknown = addRole(emu(), DEV, "UnknownOp", trust([allow({ AWS: MGMT }, { Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } })]));
    await expect(assume(emu(), { RoleArn: unknown })).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("SourceIdentity requires sts:SetSourceIdentity in the trust policy and cannot change along a chain", async () => {
    const plain = addRole(emu(), DEV, "NoSourceIdentity", trust([allow({ AWS: MGMT })]));
    await expect(assume(emu(), { RoleArn: plain, SourceIdentity: "alice" })).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${ADMIN} is not authorized to perform: sts:SetSourceIdentity on resource: ${plain}`,
    });
    const first = addRole(emu(), DEV, "WithSourceIdentity", trust([allow({ AWS: MGMT }, {}, ["sts:AssumeRole", "sts:SetSourceIdentity"])]));
    const out = await assume(emu(), { RoleArn: first, SourceIdentity: "alice" });
    expect(out.SourceIdentity).toBe("alice");
    const session = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };

    const next = addRole(emu(), PROD, "ChainedSourceIdentity", trust([allow({ AWS: first }, {}, ["sts:AssumeRole", "sts:SetSourceIdentity"])]));
    await expect(assume(emu(), { RoleArn: next, SourceIdentity: "mallory" }, session)).rejects.toMatchObject({ name: "AccessDenied" });
    expect((await assume(emu(), { RoleArn: next }, session)).SourceIdentity).toBe("alice");
  });

  it("enforces session duration limits: MaxSessionDuration, and one hour when chaining", async () => {
    const longArn = addRole(emu(), DEV, "LongSessions", trust([allow({ AWS: MGMT })]), 43200);
    const out = await assume(emu(), { RoleArn: longArn, DurationSeconds: 43200 });
    expect(out.Credentials!.Expiration!.getTime() - emu().world.clock.now()).toBeGreaterThan(43190_000);

    const shortArn = addRole(emu(), DEV, "ShortSessions", trust([allow({ AWS: MGMT })]));
    await expect(assume(emu(), { RoleArn: shortArn, DurationSeconds: 7200 })).rejects.toMatchObject({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    });
    await expect(assume(emu(), { RoleArn: shortArn, DurationSeconds: 899 })).rejects.toMatchObject({ name: "ValidationError" });

    const session = await sessionKeys(emu(), { RoleArn: longArn });
    const chained = addRole(emu(), PROD, "ChainTarget", trust([allow({ AWS: longArn })]), 43200);
    await expect(assume(emu(), { RoleArn: chained, DurationSeconds: 7200 }, session)).rejects.toMatchObject({
      name: "ValidationError",
      message: "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
    });
    await expect(assume(emu(), { RoleArn: chained, DurationSeconds: 3600 }, session)).resolves.toBeDefined();
  });

  it("validates RoleSessionName like the STS model", async () => {
    const roleArn = addRole(emu(), DEV, "Names", trust([allow({ AWS: MGMT })]));
    await expect(assume(emu(), { RoleArn: roleArn, RoleSessionName: "has space" })).rejects.toMatchObject({
      name: "ValidationError",
      message: "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    });
    await expect(assume(emu(), { RoleArn: roleArn, RoleSessionName: "x" })).rejects.toMatchObject({ name: "ValidationError" });
  });
});
