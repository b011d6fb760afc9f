import { describe, expect, it } from "vitest";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListPolicyVersionsCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoles,
  type CreateRoleCommandInput,
} from "@aws-sdk/client-iam";
import { putRole } from "../src/emulator/iam/state.js";
import { addLongTermKey } from "../src/emulator/world.js";
import { startEmulator } from "../src/emulator/index.js";
import { adminUsers, clientFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";

const MGMT = "111111111111";

const trust = (principal: unknown, extra: object = {}) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...extra }] });
const TRUST_MGMT = trust({ AWS: `arn:aws:iam::${MGMT}:root` });
const permission = (actions: string | string[], resource: string | string[] = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: resource }] });
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

/** An IAM client signed by a fresh long-term key of the given account. */
function accountClient(emu: EmulatorHandle, accountId: string): IAMClient {
  const key = { accessKeyId: `AKIATEST${accountId}`, secretAccessKey: `secret-${accountId}`, accountId };
  addLongTermKey(emu.world, key);
  return clientFor(emu, "iam", { credentials: key, maxAttempts: 1 });
}

async function expectAwsError(call: Promise<unknown>, name: string, status: number, message?: string | RegExp) {
  const err = (await call.then(
    () => {
      throw new Error(`expected ${name}, but the call succeeded`);
    },
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  expect(err.name).toBe(name);
  expect(err.$metadata.httpStatusCode).toBe(status);
  if (typeof message === "string") expect(err.message).toBe(message);
  else if (message) expect(err.message).toMatch(message);
}

describe("IAM roles", () => {
  const emu = withEmulator({ seed: 11 });
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });
  const create = (input: Partial<CreateRoleCommandInput> & { RoleName: string }) =>
    iam().send(new CreateRoleCommand({ AssumeRolePolicyDocument: TRUST_MGMT, ...input }));

  it("CreateRole returns the role with its ARN, id and the trust policy URL-encoded as sent", async () => {
    const document = `{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Principal": {"Service": "tasks.apprunner.amazonaws.com"}, "Action": "sts:AssumeRole"}]\n}`;
    const out = await create({ RoleName: "AppRunnerInstance", Path: "/service/", AssumeRolePolicyDocument: document, Tags: [{ Key: "env", Value: "dev" }] });
    const role = out.Role!;
    expect(role.Arn).toBe(`arn:aws:iam::${MGMT}:role/service/AppRunnerInstance`);
    expect(role.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/);
    expect(role.Path).toBe("/service/");
    expect(role.AssumeRolePolicyDocument).not.toContain("{");
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(document);
    expect(role.Tags).toEqual([{ Key: "env", Value: "dev" }]);
  });

  it("GetRole returns description, session duration and tags; ListRoles leaves tags out", async () => {
    await create({ RoleName: "Described", Description: "for deploys", MaxSessionDuration: 7200, Tags: [{ Key: "team", Value: "platform" }] });
    const role = (await iam().send(new GetRoleCommand({ RoleName: "described" }))).Role!;
    expect(role).toMatchObject({ RoleName: "Described", Description: "for deploys", MaxSessionDuration: 7200, Tags: [{ Key: "team", Value: "platform" }] });
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(TRUST_MGMT);
    const listed = (await iam().send(new ListRolesCommand({}))).Roles!.find((r) => r.RoleName === "Described")!;
    expect(listed).toMatchObject({ Description: "for deploys", MaxSessionDuration: 7200 });
    expect(listed.Tags).toBeUndefined();
    expect(decodeURIComponent(listed.AssumeRolePolicyDocument!)).toBe(TRUST_MGMT);
  });

  it("role names are unique case-insensitively", async () => {
    await create({ RoleName: "Deployer" });
    await expectAwsError(create({ RoleName: "DEPLOYER" }), "EntityAlreadyExistsException", 409, "Role with name DEPLOYER already exists.");
  });

  it("rejects invalid names, paths, descriptions and session durations with ValidationError", async () => {
    await expectAwsError(create({ RoleName: "has space" }), "ValidationError", 400, /at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await expectAwsError(create({ RoleName: "x".repeat(65) }), "ValidationError", 400, /Member must have length less than or equal to 64/);
    await expectAwsError(create({ RoleName: "BadPath", Path: "noslash" }), "ValidationError", 400, /at 'path'/);
    await expectAwsError(create({ RoleName: "LongDesc", Description: "d".repeat(1001) }), "ValidationError", 400, /at 'description'/);
    await expectAwsError(create({ RoleName: "Short", MaxSessionDuration: 3599 }), "ValidationError", 400, /greater than or equal to 3600/);
    await expectAwsError(create({ RoleName: "Long", MaxSessionDuration: 43201 }), "ValidationError", 400, /less than or equal to 43200/);
    await expectAwsError(create({ RoleName: "two bad", MaxSessionDuration: 1 }), "ValidationError", 400, /^2 validation errors detected: /);
    expect(await create({ RoleName: "x".repeat(64) + "", MaxSessionDuration: 43200 })).toBeTruthy();
  });

  it("validates trust policies like IAM", async () => {
    const bad = (doc: string) => create({ RoleName: `Bad${Math.random().toString(36).slice(2, 8)}`, AssumeRolePolicyDocument: doc });
    const M = "MalformedPolicyDocumentException";
    await expectAwsError(bad("{not json"), M, 400, "This policy contains invalid Json");
    await expectAwsError(bad(JSON.stringify({ Version: "2012-10-17" })), M, 400, "Syntax errors in policy.");
    await expectAwsError(bad(trust({ AWS: MGMT }).replace('"Allow"', '"Permit"')), M, 400, "Syntax errors in policy.");
    await expectAwsError(bad(trust({ AWS: MGMT }).replace("2012-10-17", "2012-10-18")), M, 400, "Syntax errors in policy.");
    await expectAwsError(
      bad(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] })),
      M, 400, /statement with no principals/,
    );
    await expectAwsError(
      bad(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: MGMT }, Action: "s3:GetObject" }] })),
      M, 400, "AssumeRole policy may only specify STS AssumeRole actions.",
    );
    await expectAwsError(bad(trust({ AWS: MGMT }, { Resource: "*" })), M, 400, "Has prohibited field Resource");
    const missing = "arn:aws:iam::999999999999:role/DoesNotExist";
    await expectAwsError(bad(trust({ AWS: missing })), M, 400, `Invalid principal in policy: "AWS":"${missing}"`);
    await expectAwsError(bad(trust({ AWS: "not-an-account" })), M, 400, `Invalid principal in policy: "AWS":"not-an-account"`);
  });

  it("accepts a trust policy naming an existing role in another account, and every STS trust action", async () => {
    const target = putRole(emu().world, "222222222222", { roleName: "Pipeline", assumeRolePolicyDocument: TRUST_MGMT });
    const doc = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{
        Effect: "Allow",
        Principal: { AWS: [target.arn, "333333333333"], Service: "codebuild.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"],
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      }],
    });
    const role = (await create({ RoleName: "TrustsPipeline", AssumeRolePolicyDocument: doc })).Role!;
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(doc);
  });

  it("limits trust policies to 2,048 characters, not counting white space", async () => {
    const padded = (n: number) => trust({ AWS: MGMT }, { Sid: "s".repeat(n) });
    const base = padded(0).length;
    const atLimit = padded(2048 - base);
    expect(atLimit.length).toBe(2048);
    await create({ RoleName: "AtTrustLimit", AssumeRolePolicyDocument: atLimit.replace("{", "{" + " ".repeat(500)) });
    await expectAwsError(
      create({ RoleName: "OverTrustLimit", AssumeRolePolicyDocument: padded(2049 - base) }),
      "LimitExceededException", 409, "Cannot exceed quota for ACLSizePerRole: 2048",
    );
  });

  it("UpdateRole, UpdateRoleDescription and UpdateAssumeRolePolicy change the role", async () => {
    await create({ RoleName: "Updatable" });
    await iam().send(new UpdateRoleCommand({ RoleName: "Updatable", Description: "first", MaxSessionDuration: 10800 }));
    expect((await iam().send(new GetRoleCommand({ RoleName: "Updatable" }))).Role).toMatchObject({ Description: "first", MaxSessionDuration: 10800 });
    const described = await iam().send(new UpdateRoleDescriptionCommand({ RoleName: "Updatable", Description: "second" }));
    expect(described.Role).toMatchObject({ RoleName: "Updatable", Description: "second", MaxSessionDuration: 10800 });
    const newTrust = trust({ Service: "ec2.amazonaws.com" });
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: "Updatable", PolicyDocument: newTrust }));
    const role = (await iam().send(new GetRoleCommand({ RoleName: "Updatable" }))).Role!;
    expect(decodeURIComponent(role.AssumeRolePolicyDocument!)).toBe(newTrust);
    await expectAwsError(
      iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: "Updatable", PolicyDocument: permission("s3:*") })),
      "MalformedPolicyDocumentException", 400,
    );
    await expectAwsError(iam().send(new UpdateRoleCommand({ RoleName: "Updatable", MaxSessionDuration: 100 })), "ValidationError", 400);
    await expectAwsError(iam().send(new UpdateRoleCommand({ RoleName: "Nobody", Description: "x" })), "NoSuchEntityException", 404, "The role with name Nobody cannot be found.");
  });

  it("DeleteRole refuses while policies remain, then deletes", async () => {
    await create({ RoleName: "Doomed" });
    await iam().send(new PutRolePolicyCommand({ RoleName: "Doomed", PolicyName: "inline", PolicyDocument: permission("s3:GetObject") }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: "Doomed", PolicyArn: ADMIN }));
    await expectAwsError(iam().send(new DeleteRoleCommand({ RoleName: "Doomed" })), "DeleteConflictException", 409, "Cannot delete entity, must delete policies first.");
    await iam().send(new DeleteRolePolicyCommand({ RoleName: "Doomed", PolicyName: "inline" }));
    await expectAwsError(iam().send(new DeleteRoleCommand({ RoleName: "Doomed" })), "DeleteConflictException", 409, "Cannot delete entity, must detach all policies first.");
    await iam().send(new DetachRolePolicyCommand({ RoleName: "Doomed", PolicyArn: ADMIN }));
    await iam().send(new DeleteRoleCommand({ RoleName: "Doomed" }));
    await expectAwsError(iam().send(new GetRoleCommand({ RoleName: "Doomed" })), "NoSuchEntityException", 404, "The role with name Doomed cannot be found.");
    await expectAwsError(iam().send(new DeleteRoleCommand({ RoleName: "Doomed" })), "NoSuchEntityException", 404);
  });

  it("tags roles: TagRole replaces values case-insensitively, UntagRole removes, 50 at most", async () => {
    await create({ RoleName: "Tagged", Tags: [{ Key: "Env", Value: "dev" }] });
    await iam().send(new TagRoleCommand({ RoleName: "Tagged", Tags: [{ Key: "env", Value: "prod" }, { Key: "owner", Value: "ops" }] }));
    expect((await iam().send(new ListRoleTagsCommand({ RoleName: "Tagged" }))).Tags).toEqual([{ Key: "env", Value: "prod" }, { Key: "owner", Value: "ops" }]);
    await iam().send(new UntagRoleCommand({ RoleName: "Tagged", TagKeys: ["OWNER"] }));
    expect((await iam().send(new GetRoleCommand({ RoleName: "Tagged" }))).Role!.Tags).toEqual([{ Key: "env", Value: "prod" }]);
    await expectAwsError(
      iam().send(new TagRoleCommand({ RoleName: "Tagged", Tags: [{ Key: "a", Value: "1" }, { Key: "A", Value: "2" }] })),
      "InvalidInputException", 400, /Duplicate tag keys/,
    );
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectAwsError(iam().send(new TagRoleCommand({ RoleName: "Tagged", Tags: many })), "LimitExceededException", 409);
    const page = await iam().send(new ListRoleTagsCommand({ RoleName: "Tagged", MaxItems: 1 }));
    expect(page).toMatchObject({ Tags: [{ Key: "env", Value: "prod" }], IsTruncated: false });
  });

  it("service-linked roles cannot be modified", async () => {
    putRole(emu().world, MGMT, { roleName: "AWSServiceRoleForAppConfig", path: "/aws-service-role/appconfig.amazonaws.com/", assumeRolePolicyDocument: trust({ Service: "appconfig.amazonaws.com" }) });
    const U = "UnmodifiableEntityException";
    await expectAwsError(iam().send(new DeleteRoleCommand({ RoleName: "AWSServiceRoleForAppConfig" })), U, 400, /protected role 'AWSServiceRoleForAppConfig'/);
    await expectAwsError(iam().send(new AttachRolePolicyCommand({ RoleName: "AWSServiceRoleForAppConfig", PolicyArn: ADMIN })), U, 400);
    await expectAwsError(iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: "AWSServiceRoleForAppConfig", PolicyDocument: TRUST_MGMT })), U, 400);
  });

  it("throttling faults come back as IAM's Throttling error", async () => {
    emu().setFaults({ rules: [{ service: "iam", operation: "ListRoles", rate: 1, kind: "throttle" }] });
    try {
      await expectAwsError(iam().send(new ListRolesCommand({})), "Throttling", 400, "Rate exceeded");
      expect(await iam().send(new GetRoleCommand({ RoleName: "Deployer" }))).toBeTruthy();
    } finally {
      emu().setFaults({});
    }
  });
});

describe("IAM inline and managed policies", () => {
  const emu = withEmulator({ seed: 12 });
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });
  const role = (name: string) => iam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST_MGMT }));

  it("PutRolePolicy stores the text; GetRolePolicy returns it URL-encoded; Delete and List work", async () => {
    await role("Inline");
    const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["appconfig:StartConfigurationSession","appconfig:GetLatestConfiguration"],"Resource":"arn:aws:appconfig:eu-west-1:222222222222:application/*"}]}`;
    await iam().send(new PutRolePolicyCommand({ RoleName: "Inline", PolicyName: "read-config", PolicyDocument: doc }));
    const got = await iam().send(new GetRolePolicyCommand({ RoleName: "Inline", PolicyName: "read-config" }));
    expect(got).toMatchObject({ RoleName: "Inline", PolicyName: "read-config" });
    expect(got.PolicyDocument).toMatch(/^%7B%22Version%22/);
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(doc);
    await iam().send(new PutRolePolicyCommand({ RoleName: "Inline", PolicyName: "second", PolicyDocument: permission("s3:GetObject") }));
    expect((await iam().send(new ListRolePoliciesCommand({ RoleName: "Inline" }))).PolicyNames).toEqual(["read-config", "second"]);
    await iam().send(new DeleteRolePolicyCommand({ RoleName: "Inline", PolicyName: "second" }));
    expect((await iam().send(new ListRolePoliciesCommand({ RoleName: "Inline" }))).PolicyNames).toEqual(["read-config"]);
    await expectAwsError(
      iam().send(new GetRolePolicyCommand({ RoleName: "Inline", PolicyName: "second" })),
      "NoSuchEntityException", 404, "The role policy with name second cannot be found.",
    );
    await expectAwsError(iam().send(new DeleteRolePolicyCommand({ RoleName: "Inline", PolicyName: "second" })), "NoSuchEntityException", 404);
    await expectAwsError(iam().send(new ListRolePoliciesCommand({ RoleName: "Ghost" })), "NoSuchEntityException", 404);
  });

  it("validates permission policies", async () => {
    await role("Strict");
    const put = (doc: string, name = "p") => iam().send(new PutRolePolicyCommand({ RoleName: "Strict", PolicyName: name, PolicyDocument: doc }));
    const M = "MalformedPolicyDocumentException";
    await expectAwsError(put("{"), M, 400, "Syntax errors in policy.");
    await expectAwsError(put(JSON.stringify({ Version: "2012-10-17", Statement: [] })), M, 400, "Syntax errors in policy.");
    await expectAwsError(put(permission("s3:*").replace('"Allow"', '"allow"')), M, 400, "The policy failed legacy parsing");
    await expectAwsError(put(trust({ AWS: MGMT }, { Resource: "*" })), M, 400, "Policy document should not specify a principal.");
    await expectAwsError(put(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*" }] })), M, 400, "Policy statement must contain resources.");
    await expectAwsError(put(permission("s3:*"), "bad name"), "ValidationError", 400, /at 'policyName'/);
    await expectAwsError(put(permission("s3:*"), "n".repeat(129)), "ValidationError", 400, /less than or equal to 128/);
  });

  it("limits a role's inline policies to 10,240 characters in total, white space not counted", async () => {
    await role("Big");
    const sized = (n: number) => {
      const base = permission([]).replace(/\s/g, "").length;
      // one action string "s3:" + padding, quoted inside the array
      return permission([`s3:${"A".repeat(n - base - 5)}`]);
    };
    const half = sized(5120);
    expect(half.replace(/\s/g, "").length).toBe(5120);
    await iam().send(new PutRolePolicyCommand({ RoleName: "Big", PolicyName: "one", PolicyDocument: half }));
    await iam().send(new PutRolePolicyCommand({ RoleName: "Big", PolicyName: "two", PolicyDocument: half.replace("{", "{   \n") }));
    // Replacing a policy counts its new size only.
    await iam().send(new PutRolePolicyCommand({ RoleName: "Big", PolicyName: "two", PolicyDocument: half }));
    await expectAwsError(
      iam().send(new PutRolePolicyCommand({ RoleName: "Big", PolicyName: "three", PolicyDocument: permission("s3:GetObject") })),
      "LimitExceededException", 409, "Maximum policy size of 10240 bytes exceeded for role Big",
    );
  });

  it("attaches AWS managed and own customer policies; unknown, foreign and invalid ARNs fail as on AWS", async () => {
    await role("Attacher");
    const attach = (arn: string) => iam().send(new AttachRolePolicyCommand({ RoleName: "Attacher", PolicyArn: arn }));
    await attach("arn:aws:iam::aws:policy/AWSCodeDeployDeployerAccess");
    await attach("arn:aws:iam::aws:policy/AWSCodeDeployDeployerAccess"); // idempotent
    await attach("arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess");
    const own = (await iam().send(new CreatePolicyCommand({ PolicyName: "Own", PolicyDocument: permission("s3:ListBucket") }))).Policy!;
    await attach(own.Arn!);
    const attached = (await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: "Attacher" }))).AttachedPolicies!;
    expect(attached).toEqual(expect.arrayContaining([
      { PolicyName: "AWSCodeDeployDeployerAccess", PolicyArn: "arn:aws:iam::aws:policy/AWSCodeDeployDeployerAccess" },
      { PolicyName: "AWSAppRunnerServicePolicyForECRAccess", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSAppRunnerServicePolicyForECRAccess" },
      { PolicyName: "Own", PolicyArn: own.Arn },
    ]));
    expect(attached).toHaveLength(3);

    const unknown = "arn:aws:iam::aws:policy/NoSuchManagedPolicy";
    await expectAwsError(attach(unknown), "NoSuchEntityException", 404, `Policy ${unknown} does not exist or is not attachable.`);
    const foreign = "arn:aws:iam::222222222222:policy/Own";
    await expectAwsError(attach(foreign), "NoSuchEntityException", 404, `Policy ${foreign} does not exist or is not attachable.`);
    await expectAwsError(attach("arn:aws:iam::aws:policy"), "InvalidInputException", 400, "ARN arn:aws:iam::aws:policy is not valid.");
    await expectAwsError(attach("arn:aws:iam::aws:policy/aws-service-role/AWSAppConfigServiceRolePolicy"), "PolicyNotAttachableException", 400);
    await expectAwsError(
      iam().send(new AttachRolePolicyCommand({ RoleName: "Nobody", PolicyArn: ADMIN })),
      "NoSuchEntityException", 404, "The role with name Nobody cannot be found.",
    );
    await expectAwsError(
      iam().send(new DetachRolePolicyCommand({ RoleName: "Attacher", PolicyArn: ADMIN })),
      "NoSuchEntityException", 404, `Policy ${ADMIN} was not found.`,
    );
  });

  it("allows 10 managed policies per role", async () => {
    await role("Crowded");
    const arns = (await iam().send(new ListPoliciesCommand({ Scope: "AWS" }))).Policies!
      .filter((p) => p.IsAttachable).map((p) => p.Arn!);
    expect(arns.length).toBeGreaterThan(10);
    for (const arn of arns.slice(0, 10)) await iam().send(new AttachRolePolicyCommand({ RoleName: "Crowded", PolicyArn: arn }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: "Crowded", PolicyArn: arns[0] })); // already attached: no error
    await expectAwsError(
      iam().send(new AttachRolePolicyCommand({ RoleName: "Crowded", PolicyArn: arns[10] })),
      "LimitExceededException", 409, "Cannot exceed quota for PoliciesPerRole: 10",
    );
  });

  it("customer managed policies: create, get, versions, delete rules", async () => {
    const v1 = permission("s3:GetObject");
    const created = (await iam().send(new CreatePolicyCommand({
      PolicyName: "Deploy", Path: "/ci/", PolicyDocument: v1, Description: "deploys", Tags: [{ Key: "k", Value: "v" }],
    }))).Policy!;
    expect(created).toMatchObject({ PolicyName: "Deploy", Path: "/ci/", Arn: `arn:aws:iam::${MGMT}:policy/ci/Deploy`, DefaultVersionId: "v1", AttachmentCount: 0, IsAttachable: true });
    expect(created.PolicyId).toMatch(/^ANPA[A-Z0-9]{17}$/);
    await expectAwsError(
      iam().send(new CreatePolicyCommand({ PolicyName: "deploy", PolicyDocument: v1 })),
      "EntityAlreadyExistsException", 409, "A policy called deploy already exists. Duplicate names are not allowed.",
    );
    await expectAwsError(iam().send(new CreatePolicyCommand({ PolicyName: "Bad", PolicyDocument: trust({ AWS: MGMT }) })), "MalformedPolicyDocumentException", 400);

    const arn = created.Arn!;
    const got = (await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    expect(got).toMatchObject({ Description: "deploys", Tags: [{ Key: "k", Value: "v" }] });
    const version = (await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v1" }))).PolicyVersion!;
    expect(version).toMatchObject({ VersionId: "v1", IsDefaultVersion: true });
    expect(decodeURIComponent(version.Document!)).toBe(v1);

    const v2 = permission(["s3:GetObject", "s3:PutObject"]);
    const created2 = (await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v2, SetAsDefault: true }))).PolicyVersion!;
    expect(created2).toMatchObject({ VersionId: "v2", IsDefaultVersion: true });
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId).toBe("v2");
    expect(decodeURIComponent((await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" }))).PolicyVersion!.Document!)).toBe(v2);
    for (let i = 0; i < 3; i++) await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 }));
    await expectAwsError(iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v1 })), "LimitExceededException", 409, /up to 5 versions/);
    expect((await iam().send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!.map((v) => v.VersionId)).toEqual(["v5", "v4", "v3", "v2", "v1"]);

    await role("UsesDeploy");
    await iam().send(new AttachRolePolicyCommand({ RoleName: "UsesDeploy", PolicyArn: arn }));
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(1);
    await expectAwsError(iam().send(new DeletePolicyCommand({ PolicyArn: arn })), "DeleteConflictException", 409, "Cannot delete a policy attached to entities.");
    await iam().send(new DetachRolePolicyCommand({ RoleName: "UsesDeploy", PolicyArn: arn }));
    await expectAwsError(iam().send(new DeletePolicyCommand({ PolicyArn: arn })), "DeleteConflictException", 409, /more than one version/);
    await expectAwsError(iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: "v2" })), "DeleteConflictException", 409);
    for (const v of ["v1", "v3", "v4", "v5"]) await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam().send(new DeletePolicyCommand({ PolicyArn: arn }));
    await expectAwsError(iam().send(new GetPolicyCommand({ PolicyArn: arn })), "NoSuchEntityException", 404, `Policy ${arn} was not found.`);
  });

  it("AWS managed policies are readable in every account with their documents", async () => {
    const p = (await iam().send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!;
    expect(p).toMatchObject({ PolicyName: "AdministratorAccess", Path: "/", DefaultVersionId: "v1", IsAttachable: true });
    const doc = (await iam().send(new GetPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: "v1" }))).PolicyVersion!.Document!;
    expect(JSON.parse(decodeURIComponent(doc))).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    const viewOnly = (await iam().send(new GetPolicyCommand({ PolicyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" }))).Policy!;
    expect(viewOnly.Path).toBe("/job-function/");
    const changePassword = "arn:aws:iam::aws:policy/IAMUserChangePassword";
    expect((await iam().send(new GetPolicyCommand({ PolicyArn: changePassword }))).Policy!).toMatchObject({ PolicyName: "IAMUserChangePassword", DefaultVersionId: "v3" });
    const own = (await iam().send(new GetPolicyVersionCommand({ PolicyArn: changePassword, VersionId: "v3" }))).PolicyVersion!.Document!;
    expect(JSON.parse(decodeURIComponent(own)).Statement[0]).toEqual({
      Effect: "Allow",
      Action: ["iam:ChangePassword"],
      Resource: ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
    });
  });

  it("ListPolicies filters by scope, attachment and path", async () => {
    await iam().send(new CreatePolicyCommand({ PolicyName: "Listed", Path: "/team/", PolicyDocument: permission("sqs:*") }));
    const names = async (input: object) => (await iam().send(new ListPoliciesCommand(input))).Policies!.map((p) => p.PolicyName);
    expect(await names({ Scope: "Local" })).toContain("Listed");
    expect(await names({ Scope: "Local" })).not.toContain("AdministratorAccess");
    expect(await names({ Scope: "AWS" })).toEqual(expect.arrayContaining(["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "IAMFullAccess"]));
    expect(await names({ Scope: "AWS" })).not.toContain("Listed");
    expect(await names({ PathPrefix: "/team/" })).toEqual(["Listed"]);
    await role("AttachedForList");
    await iam().send(new AttachRolePolicyCommand({ RoleName: "AttachedForList", PolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }));
    expect(await names({ Scope: "AWS", OnlyAttached: true })).toContain("IAMReadOnlyAccess");
    expect(await names({ Scope: "AWS", OnlyAttached: true })).not.toContain("PowerUserAccess");
    const listed = (await iam().send(new ListPoliciesCommand({ PathPrefix: "/team/" }))).Policies![0]!;
    expect(listed.Description).toBeUndefined();
    await expectAwsError(iam().send(new ListPoliciesCommand({ Scope: "Everything" as "All" })), "ValidationError", 400);
  });
});

describe("IAM pagination and authorization details", () => {
  const emu = withEmulator({ seed: 13 });

  it("ListRoles pages with MaxItems and Marker, by default 100 at a time, and paginateListRoles gets all", async () => {
    const iam = accountClient(emu(), "444444444444");
    for (let i = 0; i < 5; i++) await iam.send(new CreateRoleCommand({ RoleName: `r${i}`, AssumeRolePolicyDocument: TRUST_MGMT }));
    const first = await iam.send(new ListRolesCommand({ MaxItems: 2 }));
    expect(first.Roles!.map((r) => r.RoleName)).toEqual(["r0", "r1"]);
    expect(first.IsTruncated).toBe(true);
    const second = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: first.Marker }));
    expect(second.Roles!.map((r) => r.RoleName)).toEqual(["r2", "r3"]);
    const last = await iam.send(new ListRolesCommand({ MaxItems: 2, Marker: second.Marker }));
    expect(last.Roles!.map((r) => r.RoleName)).toEqual(["r4"]);
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();

    for (let i = 5; i < 130; i++) putRole(emu().world, "444444444444", { roleName: `r${i}`, path: i % 2 ? "/odd/" : "/", assumeRolePolicyDocument: TRUST_MGMT });
    const page = await iam.send(new ListRolesCommand({}));
    expect(page.Roles).toHaveLength(100);
    expect(page.IsTruncated).toBe(true);
    const all: string[] = [];
    for await (const p of paginateListRoles({ client: iam }, {})) all.push(...p.Roles!.map((r) => r.RoleName!));
    expect(all).toHaveLength(130);
    expect(new Set(all).size).toBe(130);
    const odd = (await iam.send(new ListRolesCommand({ PathPrefix: "/odd/" }))).Roles!;
    expect(odd).toHaveLength(63);
    expect(odd.every((r) => r.Path === "/odd/")).toBe(true);
    await expectAwsError(iam.send(new ListRolesCommand({ MaxItems: 0 })), "ValidationError", 400);
    await expectAwsError(iam.send(new ListRolesCommand({ Marker: "garbage" })), "InvalidInputException", 400);
  });

  it("ListRolePolicies and ListAttachedRolePolicies page", async () => {
    const iam = accountClient(emu(), "555555555555");
    await iam.send(new CreateRoleCommand({ RoleName: "Paged", AssumeRolePolicyDocument: TRUST_MGMT }));
    for (let i = 0; i < 5; i++) await iam.send(new PutRolePolicyCommand({ RoleName: "Paged", PolicyName: `p${i}`, PolicyDocument: permission("s3:GetObject") }));
    const firstNames = await iam.send(new ListRolePoliciesCommand({ RoleName: "Paged", MaxItems: 2 }));
    expect(firstNames).toMatchObject({ PolicyNames: ["p0", "p1"], IsTruncated: true });
    const names: string[] = [];
    for await (const p of paginateListRolePolicies({ client: iam, pageSize: 2 }, { RoleName: "Paged" })) names.push(...p.PolicyNames!);
    expect(names).toEqual(["p0", "p1", "p2", "p3", "p4"]);

    const arns = ["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess"].map((n) => `arn:aws:iam::aws:policy/${n}`);
    for (const arn of arns) await iam.send(new AttachRolePolicyCommand({ RoleName: "Paged", PolicyArn: arn }));
    const firstAttached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "Paged", MaxItems: 2 }));
    expect(firstAttached.AttachedPolicies).toHaveLength(2);
    expect(firstAttached.IsTruncated).toBe(true);
    const attached: string[] = [];
    for await (const p of paginateListAttachedRolePolicies({ client: iam, pageSize: 2 }, { RoleName: "Paged" }))
      attached.push(...p.AttachedPolicies!.map((a) => a.PolicyArn!));
    expect(attached.sort()).toEqual([...arns].sort());
  });

  it("GetAccountAuthorizationDetails lists roles with their policies and managed policies with versions", async () => {
    const iam = accountClient(emu(), "666666666666");
    const inline = permission("ssm:GetParameter");
    await iam.send(new CreateRoleCommand({ RoleName: "Detailed", Path: "/d/", AssumeRolePolicyDocument: TRUST_MGMT, Tags: [{ Key: "a", Value: "b" }] }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "Detailed", PolicyName: "ssm", PolicyDocument: inline }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "Detailed", PolicyArn: ADMIN }));
    const own = (await iam.send(new CreatePolicyCommand({ PolicyName: "Local", PolicyDocument: permission("sns:Publish") }))).Policy!;
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: own.Arn, PolicyDocument: permission("sns:*"), SetAsDefault: true }));
    await iam.send(new CreateRoleCommand({ RoleName: "Plain", AssumeRolePolicyDocument: TRUST_MGMT }));

    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(out.UserDetailList).toEqual([]);
    expect(out.GroupDetailList).toEqual([]);
    const detail = out.RoleDetailList!.find((r) => r.RoleName === "Detailed")!;
    expect(detail).toMatchObject({
      Path: "/d/",
      Arn: "arn:aws:iam::666666666666:role/d/Detailed",
      InstanceProfileList: [],
      AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: ADMIN }],
      Tags: [{ Key: "a", Value: "b" }],
    });
    expect(decodeURIComponent(detail.AssumeRolePolicyDocument!)).toBe(TRUST_MGMT);
    expect(detail.RolePolicyList!.map((p) => [p.PolicyName, decodeURIComponent(p.PolicyDocument!)])).toEqual([["ssm", inline]]);
    const local = out.Policies!.find((p) => p.Arn === own.Arn)!;
    expect(local.DefaultVersionId).toBe("v2");
    expect(local.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion, decodeURIComponent(v.Document!)])).toEqual([
      ["v1", false, permission("sns:Publish")],
      ["v2", true, permission("sns:*")],
    ]);
    // Only the AWS managed policies in use are listed.
    expect(out.Policies!.filter((p) => p.Arn!.startsWith("arn:aws:iam::aws:")).map((p) => p.PolicyName)).toEqual(["AdministratorAccess"]);

    const rolesOnly = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }));
    expect(rolesOnly.RoleDetailList!.map((r) => r.RoleName).sort()).toEqual(["Detailed", "Plain"]);
    expect(rolesOnly.Policies).toEqual([]);
    const localOnly = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["LocalManagedPolicy"] }));
    expect(localOnly.Policies!.map((p) => p.PolicyName)).toEqual(["Local"]);
    expect(localOnly.RoleDetailList).toEqual([]);

    const first = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const p of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1 }, {})) {
      pages.push(p.RoleDetailList!.length + p.Policies!.length);
      seen.push(...p.RoleDetailList!.map((r) => r.RoleName!), ...p.Policies!.map((x) => x.PolicyName!));
    }
    expect(pages.every((n) => n === 1)).toBe(true);
    expect(seen.sort()).toEqual(["AdministratorAccess", "Detailed", "Local", "Plain"]);
    await expectAwsError(iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Bucket" as "Role"] })), "ValidationError", 400);
  });

  it("each account sees only its own roles and policies", async () => {
    const a = accountClient(emu(), "777777777777");
    const b = accountClient(emu(), "888888888888");
    await a.send(new CreateRoleCommand({ RoleName: "Mine", AssumeRolePolicyDocument: TRUST_MGMT }));
    const policy = (await a.send(new CreatePolicyCommand({ PolicyName: "MinePolicy", PolicyDocument: permission("s3:*") }))).Policy!;
    await expectAwsError(b.send(new GetRoleCommand({ RoleName: "Mine" })), "NoSuchEntityException", 404);
    await expectAwsError(b.send(new GetPolicyCommand({ PolicyArn: policy.Arn })), "NoSuchEntityException", 404);
    expect((await b.send(new ListRolesCommand({}))).Roles).toEqual([]);
    expect((await b.send(new ListPoliciesCommand({ Scope: "Local" }))).Policies).toEqual([]);
    await b.send(new CreateRoleCommand({ RoleName: "Mine", AssumeRolePolicyDocument: TRUST_MGMT }));
    const arns = await Promise.all([a, b].map(async (c) => (await c.send(new GetRoleCommand({ RoleName: "Mine" }))).Role!.Arn));
    expect(arns).toEqual(["arn:aws:iam::777777777777:role/Mine", "arn:aws:iam::888888888888:role/Mine"]);
  });
});

describe("IAM snapshot", () => {
  it("seeds roles and policies from a snapshot and dumps them back", async () => {
    const emu = await startEmulator({
      snapshot: adminUsers([{ accessKeyId: "AKIASNAPSHOT00000001", secretAccessKey: "snapshot-secret", accountId: "222222222222" }], {
        formatVersion: 1,
        iam: {
          accounts: {
            "222222222222": {
              policies: [{ PolicyName: "Seeded", Document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] } }],
              roles: [{
                RoleName: "SeededRole",
                AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: MGMT }, Action: "sts:AssumeRole" }] },
                Description: "from snapshot",
                InlinePolicies: { inline: permission("s3:GetObject") },
                ManagedPolicyArns: [ADMIN, "arn:aws:iam::222222222222:policy/Seeded"],
              }],
            },
          },
        },
      }),
    });
    try {
      const iam = clientFor(emu, "iam", { maxAttempts: 1 });
      const role = (await iam.send(new GetRoleCommand({ RoleName: "SeededRole" }))).Role!;
      expect(role).toMatchObject({ Arn: "arn:aws:iam::222222222222:role/SeededRole", Description: "from snapshot" });
      const inline = await iam.send(new GetRolePolicyCommand({ RoleName: "SeededRole", PolicyName: "inline" }));
      expect(decodeURIComponent(inline.PolicyDocument!)).toBe(permission("s3:GetObject"));
      const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "SeededRole" }))).AttachedPolicies!;
      expect(attached.map((a) => a.PolicyName).sort()).toEqual(["AdministratorAccess", "Seeded"]);

      const dumped = emu.snapshot().iam as { accounts: Record<string, { roles: { RoleName: string; InlinePolicies?: object }[]; policies: { PolicyName: string }[] }> };
      const account = dumped.accounts["222222222222"]!;
      expect(account.roles.find((r) => r.RoleName === "SeededRole")!.InlinePolicies).toEqual({ inline: permission("s3:GetObject") });
      expect(account.policies.map((p) => p.PolicyName)).toEqual(["Seeded"]);
    } finally {
      await emu.stop();
    }
  });
});
