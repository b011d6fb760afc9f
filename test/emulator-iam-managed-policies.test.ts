// What a tool managing customer managed policies needs from IAM beyond create/version/delete:
// switching the default version, tags, which entities use a policy (attachments and
// boundaries), and the boundary a role shows in GetRole and GetAccountAuthorizationDetails.
import { describe, expect, it } from "vitest";
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  AttachGroupPolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetRoleCommand,
  ListEntitiesForPolicyCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  PutRolePermissionsBoundaryCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from "@aws-sdk/client-iam";
import { startEmulator } from "../src/emulator/index.js";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const MGMT = "111111111111";
const READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const permission = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] });

const awsError = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected an AWS error"); }, (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e);

describe("customer managed policies", () => {
  const emu = withEmulator();
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });

  it("SetDefaultPolicyVersion switches the operative version; the default cannot be deleted, a 6th version is refused", async () => {
    const arn = (await iam().send(new CreatePolicyCommand({ PolicyName: "Versions", PolicyDocument: permission("s3:GetObject") }))).Policy!.Arn!;
    for (const a of ["s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:GetBucketPolicy"]) await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: permission(a) }));
    expect(await awsError(iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: permission("s3:*") })))).toMatchObject({
      name: "LimitExceededException", $metadata: { httpStatusCode: 409 },
      message: "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
    });
    await iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" }));
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe("v3");
    const versions = (await iam().send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
    expect(versions.filter((v) => v.IsDefaultVersion).map((v) => v.VersionId)).toEqual(["v3"]);
    expect(await awsError(iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v3" })))).toMatchObject({
      name: "DeleteConflictException", message: "Cannot delete the default version of a policy.",
    });
    await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }));
    expect(await awsError(iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" })))).toMatchObject({ name: "NoSuchEntityException", $metadata: { httpStatusCode: 404 } });
    expect(await awsError(iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: "latest" })))).toMatchObject({ name: "ValidationError" });
    expect(await awsError(iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: READ_ONLY, VersionId: "v1" })))).toMatchObject({ name: "InvalidInputException" });
  });

  it("TagPolicy, UntagPolicy and ListPolicyTags (keys case-insensitive)", async () => {
    const arn = (await iam().send(new CreatePolicyCommand({ PolicyName: "Tagged", PolicyDocument: permission("sns:Publish"), Tags: [{ Key: "owner", Value: "a" }] }))).Policy!.Arn!;
    await iam().send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: "OWNER", Value: "b" }, { Key: "env", Value: "dev" }] }));
    expect((await iam().send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: "OWNER", Value: "b" }, { Key: "env", Value: "dev" }]);
    await iam().send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ["owner"] }));
    expect((await iam().send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([{ Key: "env", Value: "dev" }]);
    expect(await awsError(iam().send(new ListPolicyTagsCommand({ PolicyArn: `arn:aws:iam::${MGMT}:policy/Missing` })))).toMatchObject({ name: "NoSuchEntityException" });
  });

  it("ListEntitiesForPolicy names the groups, users and roles using a policy; DeletePolicy refuses while any does", async () => {
    const arn = (await iam().send(new CreatePolicyCommand({ PolicyName: "Shared", PolicyDocument: permission("ssm:GetParameter") }))).Policy!.Arn!;
    await iam().send(new CreateRoleCommand({ RoleName: "Attached", AssumeRolePolicyDocument: TRUST }));
    await iam().send(new CreateRoleCommand({ RoleName: "Bounded", AssumeRolePolicyDocument: TRUST, PermissionsBoundary: arn }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: "Attached", PolicyArn: arn }));
    await iam().send(new CreateUserCommand({ UserName: "u1" }));
    await iam().send(new AttachUserPolicyCommand({ UserName: "u1", PolicyArn: arn }));
    await iam().send(new CreateGroupCommand({ GroupName: "g1" }));
    await iam().send(new AttachGroupPolicyCommand({ GroupName: "g1", PolicyArn: arn }));

    const all = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(all.PolicyGroups!.map((g) => g.GroupName)).toEqual(["g1"]);
    expect(all.PolicyUsers!.map((u) => u.UserName)).toEqual(["u1"]);
    expect(all.PolicyRoles!.map((r) => r.RoleName)).toEqual(["Attached", "Bounded"]);
    expect(all.PolicyRoles![0]!.RoleId).toMatch(/^AROA/);
    const asPolicy = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: "Role", PolicyUsageFilter: "PermissionsPolicy" }));
    expect(asPolicy.PolicyRoles!.map((r) => r.RoleName)).toEqual(["Attached"]);
    expect(asPolicy.PolicyUsers).toEqual([]);
    const asBoundary = await iam().send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: "PermissionsBoundary" }));
    expect(asBoundary.PolicyRoles!.map((r) => r.RoleName)).toEqual(["Bounded"]);
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy).toMatchObject({ AttachmentCount: 3, PermissionsBoundaryUsageCount: 1 });
    expect(await awsError(iam().send(new DeletePolicyCommand({ PolicyArn: arn })))).toMatchObject({ name: "DeleteConflictException", message: "Cannot delete a policy attached to entities." });
  });

  it("a role's boundary shows in GetRole and in GetAccountAuthorizationDetails", async () => {
    await iam().send(new CreateRoleCommand({ RoleName: "WithBoundary", AssumeRolePolicyDocument: TRUST }));
    await iam().send(new PutRolePermissionsBoundaryCommand({ RoleName: "WithBoundary", PermissionsBoundary: READ_ONLY }));
    const boundary = { PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: READ_ONLY };
    expect((await iam().send(new GetRoleCommand({ RoleName: "WithBoundary" }))).Role!.PermissionsBoundary).toEqual(boundary);
    const details = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role", "AWSManagedPolicy"] }));
    expect(details.RoleDetailList!.find((r) => r.RoleName === "WithBoundary")!.PermissionsBoundary).toEqual(boundary);
    // An AWS managed policy used only as a boundary is in use in the account, so it is listed.
    expect(details.Policies!.find((p) => p.Arn === READ_ONLY)).toMatchObject({ PermissionsBoundaryUsageCount: 1 });
  });

  it("a snapshot keeps every version and which one is the default, so a later emulator numbers on", async () => {
    const client = iam();
    const arn = (await client.send(new CreatePolicyCommand({ PolicyName: "kept-versions", PolicyDocument: permission("s3:GetObject") }))).Policy!.Arn!;
    await client.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: permission("s3:PutObject"), SetAsDefault: false }));
    const next = await startEmulator({ snapshot: emu().snapshot() });
    try {
      const again = clientFor(next, "iam", { maxAttempts: 1 });
      const versions = (await again.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
      expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion]).sort()).toEqual([["v1", true], ["v2", false]]);
      const v3 = await again.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: permission("s3:ListBucket") }));
      expect(v3.PolicyVersion!.VersionId).toBe("v3");
    } finally {
      await next.stop();
    }
  });
});
