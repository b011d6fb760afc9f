// IAM groups in the emulator: the landing-zone setup gives people administrator groups whose
// policies allow sts:AssumeRole. Shapes, errors and quotas follow botocore's iam 2010-05-08
// model and the IAM quotas; a member's group policies count when it calls AWS.
import { describe, expect, it } from "vitest";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  ListAttachedGroupPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
  CreateAccessKeyCommand,
  ListRolesCommand,
} from "@aws-sdk/client-iam";
import { startEmulator } from "../src/emulator/index.js";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const MGMT = "111111111111";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const assume = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::222222222222:role/administrator" }] });

const awsError = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected an AWS error"); }, (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e);

describe("IAM groups", () => {
  const emu = withEmulator();
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });

  it("creates a group, adds an existing user, and GetGroup lists it with its members", async () => {
    const created = (await iam().send(new CreateGroupCommand({ GroupName: "development_administrator", Path: "/people/" }))).Group!;
    expect(created).toEqual({
      Path: "/people/", GroupName: "development_administrator", GroupId: expect.stringMatching(/^AGPA[A-Z0-9]{17}$/),
      Arn: `arn:aws:iam::${MGMT}:group/people/development_administrator`, CreateDate: expect.any(Date),
    });
    const dup = await awsError(iam().send(new CreateGroupCommand({ GroupName: "DEVELOPMENT_administrator" })));
    expect(dup).toMatchObject({ name: "EntityAlreadyExistsException", message: "Group with name DEVELOPMENT_administrator already exists.", $metadata: { httpStatusCode: 409 } });
    expect(await awsError(iam().send(new CreateGroupCommand({ GroupName: "team/admins" })))).toMatchObject({ name: "ValidationError" });

    await iam().send(new CreateUserCommand({ UserName: "alice" }));
    await iam().send(new AddUserToGroupCommand({ GroupName: "development_administrator", UserName: "alice" }));
    await iam().send(new AddUserToGroupCommand({ GroupName: "Development_Administrator", UserName: "ALICE" }));
    const got = await iam().send(new GetGroupCommand({ GroupName: "development_administrator" }));
    expect(got.Group).toEqual(created);
    expect(got.Users!.map((u) => u.Arn)).toEqual([`arn:aws:iam::${MGMT}:user/alice`]);
    expect(got.IsTruncated).toBe(false);
    expect((await iam().send(new ListGroupsForUserCommand({ UserName: "alice" }))).Groups!.map((g) => g.GroupName)).toEqual(["development_administrator"]);
    expect((await iam().send(new ListGroupsCommand({ PathPrefix: "/people/" }))).Groups!.map((g) => g.GroupName)).toEqual(["development_administrator"]);
    expect((await iam().send(new ListGroupsCommand({ PathPrefix: "/other/" }))).Groups).toEqual([]);

    const missing = await awsError(iam().send(new GetGroupCommand({ GroupName: "nobody" })));
    expect(missing).toMatchObject({ name: "NoSuchEntityException", message: "The group with name nobody cannot be found.", $metadata: { httpStatusCode: 404 } });
    expect(await awsError(iam().send(new AddUserToGroupCommand({ GroupName: "development_administrator", UserName: "bob" })))).toMatchObject({
      name: "NoSuchEntityException", message: "The user with name bob cannot be found.",
    });
  });

  it("holds inline and managed policies, and DeleteGroup refuses while members or policies remain (AWS's order)", async () => {
    await iam().send(new CreateGroupCommand({ GroupName: "production_administrator" }));
    await iam().send(new CreateUserCommand({ UserName: "carol" }));
    await iam().send(new AddUserToGroupCommand({ GroupName: "production_administrator", UserName: "carol" }));
    await iam().send(new PutGroupPolicyCommand({ GroupName: "production_administrator", PolicyName: "assume-admin", PolicyDocument: assume }));
    await iam().send(new AttachGroupPolicyCommand({ GroupName: "production_administrator", PolicyArn: READ_ONLY }));
    await iam().send(new AttachGroupPolicyCommand({ GroupName: "production_administrator", PolicyArn: READ_ONLY }));

    const inline = await iam().send(new GetGroupPolicyCommand({ GroupName: "production_administrator", PolicyName: "ASSUME-admin" }));
    expect(inline).toMatchObject({ GroupName: "production_administrator", PolicyName: "assume-admin" });
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!))).toEqual(JSON.parse(assume));
    expect((await iam().send(new ListGroupPoliciesCommand({ GroupName: "production_administrator" }))).PolicyNames).toEqual(["assume-admin"]);
    expect((await iam().send(new ListAttachedGroupPoliciesCommand({ GroupName: "production_administrator" }))).AttachedPolicies).toEqual([
      { PolicyName: "ReadOnlyAccess", PolicyArn: READ_ONLY },
    ]);
    const entities = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: READ_ONLY }));
    expect(entities.PolicyGroups!.map((g) => g.GroupName)).toEqual(["production_administrator"]);
    expect(await awsError(iam().send(new PutGroupPolicyCommand({ GroupName: "production_administrator", PolicyName: "bad", PolicyDocument: '{"Statement":[]}' })))).toMatchObject({
      name: "MalformedPolicyDocumentException",
    });

    const conflict = (m: string) => ({ name: "DeleteConflictException", message: m, $metadata: { httpStatusCode: 409 } });
    expect(await awsError(iam().send(new DeleteUserCommand({ UserName: "carol" })))).toMatchObject(conflict("Cannot delete entity, must remove users from group first."));
    expect(await awsError(iam().send(new DeleteGroupCommand({ GroupName: "production_administrator" })))).toMatchObject(conflict("Cannot delete entity, must remove users from group first."));
    await iam().send(new RemoveUserFromGroupCommand({ GroupName: "production_administrator", UserName: "carol" }));
    expect(await awsError(iam().send(new RemoveUserFromGroupCommand({ GroupName: "production_administrator", UserName: "carol" })))).toMatchObject({ name: "NoSuchEntityException" });
    expect(await awsError(iam().send(new DeleteGroupCommand({ GroupName: "production_administrator" })))).toMatchObject(conflict("Cannot delete entity, must delete policies first."));
    await iam().send(new DeleteGroupPolicyCommand({ GroupName: "production_administrator", PolicyName: "assume-admin" }));
    expect(await awsError(iam().send(new DeleteGroupCommand({ GroupName: "production_administrator" })))).toMatchObject(conflict("Cannot delete entity, must detach all policies first."));
    await iam().send(new DetachGroupPolicyCommand({ GroupName: "production_administrator", PolicyArn: READ_ONLY }));
    await iam().send(new DeleteGroupCommand({ GroupName: "production_administrator" }));
    expect(await awsError(iam().send(new GetGroupCommand({ GroupName: "production_administrator" })))).toMatchObject({ name: "NoSuchEntityException" });
    await iam().send(new DeleteUserCommand({ UserName: "carol" }));
  });

  it("enforces IAM's quotas: 10 managed policies per group, 5,120 characters of inline policy, 10 groups per user", async () => {
    await iam().send(new CreateGroupCommand({ GroupName: "quota" }));
    for (let i = 0; i < 10; i++) {
      const arn = (await iam().send(new CreatePolicyCommand({ PolicyName: `q${i}`, PolicyDocument: assume }))).Policy!.Arn!;
      await iam().send(new AttachGroupPolicyCommand({ GroupName: "quota", PolicyArn: arn }));
    }
    expect(await awsError(iam().send(new AttachGroupPolicyCommand({ GroupName: "quota", PolicyArn: READ_ONLY })))).toMatchObject({
      name: "LimitExceededException", message: "Cannot exceed quota for PoliciesPerGroup: 10",
    });
    const big = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"x".repeat(5100)}` }] });
    expect(await awsError(iam().send(new PutGroupPolicyCommand({ GroupName: "quota", PolicyName: "big", PolicyDocument: big })))).toMatchObject({
      name: "LimitExceededException", message: "Maximum policy size of 5120 bytes exceeded for group quota",
    });
    await iam().send(new CreateUserCommand({ UserName: "joiner" }));
    for (let i = 0; i < 10; i++) {
      await iam().send(new CreateGroupCommand({ GroupName: `g${i}` }));
      await iam().send(new AddUserToGroupCommand({ GroupName: `g${i}`, UserName: "joiner" }));
    }
    expect(await awsError(iam().send(new AddUserToGroupCommand({ GroupName: "quota", UserName: "joiner" })))).toMatchObject({
      name: "LimitExceededException", message: "Cannot exceed quota for GroupsPerUser: 10",
    });
  });

  it("renames a group keeping its id and members; GetAccountAuthorizationDetails lists groups and each user's groups", async () => {
    const g = (await iam().send(new CreateGroupCommand({ GroupName: "ops" }))).Group!;
    await iam().send(new CreateUserCommand({ UserName: "dave" }));
    await iam().send(new AddUserToGroupCommand({ GroupName: "ops", UserName: "dave" }));
    await iam().send(new PutGroupPolicyCommand({ GroupName: "ops", PolicyName: "assume", PolicyDocument: assume }));
    await iam().send(new AttachGroupPolicyCommand({ GroupName: "ops", PolicyArn: READ_ONLY }));
    await iam().send(new UpdateGroupCommand({ GroupName: "ops", NewGroupName: "operations", NewPath: "/teams/" }));
    const got = await iam().send(new GetGroupCommand({ GroupName: "OPERATIONS" }));
    expect(got.Group).toMatchObject({ GroupName: "operations", GroupId: g.GroupId, Path: "/teams/", Arn: `arn:aws:iam::${MGMT}:group/teams/operations` });
    expect(got.Users!.map((u) => u.UserName)).toEqual(["dave"]);

    const details = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Group", "User"] }));
    const group = details.GroupDetailList!.find((d) => d.GroupName === "operations")!;
    expect(group).toEqual({
      Path: "/teams/", GroupName: "operations", GroupId: g.GroupId, Arn: `arn:aws:iam::${MGMT}:group/teams/operations`, CreateDate: expect.any(Date),
      GroupPolicyList: [{ PolicyName: "assume", PolicyDocument: expect.any(String) }],
      AttachedManagedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: READ_ONLY }],
    });
    expect(details.UserDetailList!.find((u) => u.UserName === "dave")!.GroupList).toEqual(["operations"]);
    expect(details.RoleDetailList).toEqual([]);
  });

  it("a member's calls are allowed by its group's policies", async () => {
    await iam().send(new CreateUserCommand({ UserName: "reader" }));
    const key = (await iam().send(new CreateAccessKeyCommand({ UserName: "reader" }))).AccessKey!;
    const asReader = clientFor(emu(), "iam", { maxAttempts: 1, credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    expect(await awsError(asReader.send(new ListRolesCommand({})))).toMatchObject({ name: "AccessDenied" });
    await iam().send(new CreateGroupCommand({ GroupName: "readers" }));
    await iam().send(new AttachGroupPolicyCommand({ GroupName: "readers", PolicyArn: READ_ONLY }));
    await iam().send(new AddUserToGroupCommand({ GroupName: "readers", UserName: "reader" }));
    expect((await asReader.send(new ListRolesCommand({}))).Roles).toBeDefined();
  });
});

describe("groups in snapshots", () => {
  it("are seeded with members and policies and dumped back", async () => {
    const snapshot = {
      formatVersion: 1 as const,
      iam: {
        accounts: {
          [MGMT]: {
            users: [{ UserName: "erin" }],
            groups: [{ GroupName: "admins", Path: "/", InlinePolicies: { assume }, ManagedPolicyArns: [ADMIN], Users: ["erin"] }],
          },
        },
      },
    };
    const handle = await startEmulator({ snapshot });
    try {
      const iam = clientFor(handle, "iam", { maxAttempts: 1 });
      expect((await iam.send(new GetGroupCommand({ GroupName: "admins" }))).Users!.map((u) => u.UserName)).toEqual(["erin"]);
      const dumped = handle.snapshot().iam as { accounts: Record<string, { groups?: unknown }> };
      expect(dumped.accounts[MGMT]!.groups).toEqual([{ GroupName: "admins", Path: "/", InlinePolicies: { assume }, ManagedPolicyArns: [ADMIN], Users: ["erin"] }]);
    } finally {
      await handle.stop();
    }
  });
});
