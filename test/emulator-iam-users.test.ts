// IAM users: the principal the sandbox and the tests run as. Shapes and errors follow
// botocore's iam 2010-05-08 model; a created key signs as its user at once, a deleted one
// is refused, and the management account's access-role trust admits the user.
import { describe, expect, it } from "vitest";
import {
  AttachUserPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  ListUsersCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { startEmulator } from "../src/emulator/index.js";
import { putRole } from "../src/emulator/iam/state.js";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const MGMT = "111111111111";
const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
const readOnly = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:Get*", Resource: "*" }] });

describe("IAM users", () => {
  const emu = withEmulator();
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });

  it("the default principal is sandbox-admin with AdministratorAccess, and GetUser without a name describes it", async () => {
    const me = await iam().send(new GetUserCommand({}));
    expect(me.User).toMatchObject({ UserName: "sandbox-admin", Path: "/", Arn: `arn:aws:iam::${MGMT}:user/sandbox-admin` });
    expect(me.User!.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    const attached = await iam().send(new ListAttachedUserPoliciesCommand({ UserName: "sandbox-admin" }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: "AdministratorAccess", PolicyArn: ADMIN_POLICY }]);
    const keys = await iam().send(new ListAccessKeysCommand({}));
    expect(keys.AccessKeyMetadata).toEqual([{ UserName: "sandbox-admin", AccessKeyId: emu().credentials.accessKeyId, Status: "Active", CreateDate: expect.any(Date) }]);
    expect((await iam().send(new ListUsersCommand({}))).Users!.map((u) => u.Arn)).toEqual([`arn:aws:iam::${MGMT}:user/sandbox-admin`]);
    const details = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ["User"] }));
    expect(details.UserDetailList).toEqual([
      {
        Path: "/", UserName: "sandbox-admin", UserId: me.User!.UserId, Arn: me.User!.Arn, CreateDate: expect.any(Date),
        UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: ADMIN_POLICY }], Tags: [],
      },
    ]);
    expect(details.RoleDetailList).toEqual([]);
  });

  it("creates a user, gives it a key that signs as it at once, and deletes the key and the user in AWS's order", async () => {
    const created = await iam().send(new CreateUserCommand({ UserName: "ci", Path: "/automation/", Tags: [{ Key: "team", Value: "platform" }] }));
    expect(created.User).toMatchObject({ UserName: "ci", Path: "/automation/", Arn: `arn:aws:iam::${MGMT}:user/automation/ci`, Tags: [{ Key: "team", Value: "platform" }] });
    await expect(iam().send(new CreateUserCommand({ UserName: "CI" }))).rejects.toMatchObject({ name: "EntityAlreadyExistsException", message: "User with name CI already exists.", $metadata: { httpStatusCode: 409 } });

    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: "ci" }))).AccessKey!;
    expect(key).toMatchObject({ UserName: "ci", Status: "Active" });
    expect(key.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(key.SecretAccessKey).toHaveLength(40);
    const asCi = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
    const who = await clientFor(emu(), "sts", { credentials: asCi, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: MGMT, Arn: `arn:aws:iam::${MGMT}:user/automation/ci`, UserId: created.User!.UserId });

    await iam().send(new CreateAccessKeyCommand({ UserName: "ci" }));
    await expect(iam().send(new CreateAccessKeyCommand({ UserName: "ci" }))).rejects.toMatchObject({ name: "LimitExceededException", message: "Cannot exceed quota for AccessKeysPerUser: 2" });

    await iam().send(new AttachUserPolicyCommand({ UserName: "ci", PolicyArn: ADMIN_POLICY }));
    await iam().send(new PutUserPolicyCommand({ UserName: "ci", PolicyName: "read", PolicyDocument: readOnly }));
    await expect(iam().send(new DeleteUserCommand({ UserName: "ci" }))).rejects.toMatchObject({ name: "DeleteConflictException", message: "Cannot delete entity, must delete access keys first." });
    for (const k of (await iam().send(new ListAccessKeysCommand({ UserName: "ci" }))).AccessKeyMetadata!) {
      await iam().send(new DeleteAccessKeyCommand({ UserName: "ci", AccessKeyId: k.AccessKeyId! }));
    }
    await expect(clientFor(emu(), "sts", { credentials: asCi, maxAttempts: 1 }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: "InvalidClientTokenId" });
    await expect(iam().send(new DeleteUserCommand({ UserName: "ci" }))).rejects.toMatchObject({ name: "DeleteConflictException", message: "Cannot delete entity, must delete policies first." });
    await iam().send(new DeleteUserPolicyCommand({ UserName: "ci", PolicyName: "read" }));
    await expect(iam().send(new DeleteUserCommand({ UserName: "ci" }))).rejects.toMatchObject({ name: "DeleteConflictException", message: "Cannot delete entity, must detach all policies first." });
    await iam().send(new DetachUserPolicyCommand({ UserName: "ci", PolicyArn: ADMIN_POLICY }));
    await iam().send(new DeleteUserCommand({ UserName: "ci" }));
    await expect(iam().send(new GetUserCommand({ UserName: "ci" }))).rejects.toMatchObject({ name: "NoSuchEntityException", message: "The user with name ci cannot be found.", $metadata: { httpStatusCode: 404 } });
  });

  it("inline user policies: put, get (URL-encoded), list, delete; 2,048 characters per user at most", async () => {
    await iam().send(new CreateUserCommand({ UserName: "reader" }));
    await iam().send(new PutUserPolicyCommand({ UserName: "reader", PolicyName: "Read", PolicyDocument: readOnly }));
    const got = await iam().send(new GetUserPolicyCommand({ UserName: "reader", PolicyName: "read" }));
    expect(got).toMatchObject({ UserName: "reader", PolicyName: "Read" });
    expect(got.PolicyDocument).toBe(encodeURIComponent(readOnly).replace(/\*/g, "%2A"));
    expect((await iam().send(new ListUserPoliciesCommand({ UserName: "reader" }))).PolicyNames).toEqual(["Read"]);
    const big = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:Get*", Resource: `arn:aws:iam::${MGMT}:user/${"x".repeat(2100)}` }] });
    await expect(iam().send(new PutUserPolicyCommand({ UserName: "reader", PolicyName: "Big", PolicyDocument: big }))).rejects.toMatchObject({
      name: "LimitExceededException",
      message: "Maximum policy size of 2048 bytes exceeded for user reader",
    });
    await iam().send(new DeleteUserPolicyCommand({ UserName: "reader", PolicyName: "Read" }));
    await expect(iam().send(new GetUserPolicyCommand({ UserName: "reader", PolicyName: "Read" }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
      message: "The user policy with name Read cannot be found.",
    });
  });

  it("a user name no user can have is a ValidationError, as in the model", async () => {
    await expect(iam().send(new CreateUserCommand({ UserName: "team/admin" }))).rejects.toMatchObject({ name: "ValidationError", $metadata: { httpStatusCode: 400 } });
  });

  it("a role trusting the management account root admits the account's IAM user (its own policy allows it)", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] });
    const roleArn = putRole(emu().world, "222222222222", { roleName: "OrganizationAccountAccessRole", assumeRolePolicyDocument: trust }).arn;
    const out = await clientFor(emu(), "sts").send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "orgctl" }));
    expect(out.AssumedRoleUser!.Arn).toBe("arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/orgctl");
  });
});

describe("users in snapshots", () => {
  it("a dump and reload keeps the users, their policies and keys, and the handle's key first", async () => {
    const first = await startEmulator();
    try {
      const iam = clientFor(first, "iam");
      await iam.send(new CreateUserCommand({ UserName: "ci" }));
      await iam.send(new PutUserPolicyCommand({ UserName: "ci", PolicyName: "read", PolicyDocument: readOnly }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "ci" }))).AccessKey!;
      const snapshot = first.snapshot();
      const second = await startEmulator({ snapshot });
      try {
        expect(second.credentials).toEqual(first.credentials);
        const asCi = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
        await expect(clientFor(second, "sts", { credentials: asCi }).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: `arn:aws:iam::${MGMT}:user/ci` });
        await expect(clientFor(second, "iam").send(new ListUserPoliciesCommand({ UserName: "ci" }))).resolves.toMatchObject({ PolicyNames: ["read"] });
        await expect(clientFor(second, "iam").send(new ListAttachedUserPoliciesCommand({ UserName: "sandbox-admin" }))).resolves.toMatchObject({
          AttachedPolicies: [{ PolicyArn: ADMIN_POLICY }],
        });
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  });
});
