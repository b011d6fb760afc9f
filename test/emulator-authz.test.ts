// Identity-based policies and permissions boundaries are evaluated on every call: a role
// session may do only what its policies allow, with AWS's AccessDenied wording per service.
import { describe, expect, it } from "vitest";
import { AttachRolePolicyCommand, CreateRoleCommand, GetRoleCommand, ListRolesCommand, PutRolePermissionsBoundaryCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CreateOrganizationCommand, DescribeOrganizationCommand, ListRootsCommand } from "@aws-sdk/client-organizations";
import { CreateApplicationCommand, ListApplicationsCommand } from "@aws-sdk/client-appconfig";
import { putManagedPolicy, putRole } from "../src/emulator/iam/state.js";
import { clientFor, withEmulator, type EmulatorHandle, type Keys } from "./helpers/emulator.js";

const MGMT = "111111111111";
const DEV = "222222222222";
const TRUST_MGMT = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: MGMT }, Action: "sts:AssumeRole" }] });
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

interface RoleSetup {
  inline?: Record<string, string>;
  managed?: string[];
  boundary?: string;
  account?: string;
}

let counter = 0;

/** A role in `account` (management by default) with the given policies, and a session of it. */
async function sessionOf(emu: EmulatorHandle, setup: RoleSetup): Promise<{ keys: Keys; arn: string; roleName: string; account: string }> {
  const account = setup.account ?? MGMT;
  const roleName = `R${++counter}`;
  const role = putRole(emu.world, account, { roleName, assumeRolePolicyDocument: TRUST_MGMT, managedPolicyArns: setup.managed, permissionsBoundary: setup.boundary });
  for (const [name, text] of Object.entries(setup.inline ?? {})) role.inlinePolicies.set(name, text);
  const out = await clientFor(emu, "sts").send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: "s1" }));
  const c = out.Credentials!;
  return { keys: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, arn: out.AssumedRoleUser!.Arn!, roleName, account };
}

const iamAs = (emu: EmulatorHandle, keys: Keys) => clientFor(emu, "iam", { credentials: keys, maxAttempts: 1 });
const newRole = (name: string) => new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST_MGMT });

describe("identity-based policies", () => {
  const emu = withEmulator({ seed: 3 });

  it("a role with no policies may call nothing: IAM answers AccessDenied naming principal, action and resource", async () => {
    const s = await sessionOf(emu(), {});
    await expect(iamAs(emu(), s.keys).send(newRole("x"))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:sts::${MGMT}:assumed-role/${s.roleName}/s1 is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${MGMT}:role/x because no identity-based policy allows the iam:CreateRole action`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("GetCallerIdentity needs no permission, even under an explicit Deny", async () => {
    const s = await sessionOf(emu(), { inline: { deny: doc({ Effect: "Deny", Action: "*", Resource: "*" }) } });
    const id = await clientFor(emu(), "sts", { credentials: s.keys }).send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(s.arn);
  });

  it("a role that may only read AppConfig cannot create an application (403 AccessDeniedException)", async () => {
    const s = await sessionOf(emu(), { inline: { read: doc({ Effect: "Allow", Action: ["appconfig:List*", "appconfig:Get*"], Resource: "*" }) } });
    const appconfig = clientFor(emu(), "appconfig", { credentials: s.keys, region: "eu-west-1", maxAttempts: 1 });
    await expect(appconfig.send(new ListApplicationsCommand({}))).resolves.toMatchObject({ Items: [] });
    await expect(appconfig.send(new CreateApplicationCommand({ Name: "ListServices" }))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: `User: ${s.arn} is not authorized to perform: appconfig:CreateApplication on resource: * because no identity-based policy allows the appconfig:CreateApplication action`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("AWS managed AdministratorAccess allows everything; an explicit Deny still wins", async () => {
    const s = await sessionOf(emu(), {
      managed: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      inline: { guard: doc({ Effect: "Deny", Action: "iam:CreateRole", Resource: `arn:aws:iam::*:role/protected-*` }) },
    });
    await expect(iamAs(emu(), s.keys).send(newRole("free"))).resolves.toBeDefined();
    await expect(iamAs(emu(), s.keys).send(newRole("protected-1"))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${s.arn} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${MGMT}:role/protected-1 with an explicit deny in an identity-based policy`,
    });
  });

  it("ReadOnlyAccess reads but does not write", async () => {
    const s = await sessionOf(emu(), { managed: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] });
    await expect(iamAs(emu(), s.keys).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(iamAs(emu(), s.keys).send(newRole("ro"))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("customer managed policies count, by their default version", async () => {
    const policy = putManagedPolicy(emu().world, MGMT, { policyName: "role-reader", document: doc({ Effect: "Allow", Action: "iam:GetRole", Resource: "*" }) });
    const s = await sessionOf(emu(), { managed: [policy.arn] });
    await expect(iamAs(emu(), s.keys).send(new GetRoleCommand({ RoleName: s.roleName }))).resolves.toBeDefined();
  });

  it("actions match case-insensitively with * and ?; NotAction allows everything else", async () => {
    const s = await sessionOf(emu(), { inline: { p: doc({ Effect: "Allow", Action: "IAM:get?OLE", Resource: "*" }) } });
    await expect(iamAs(emu(), s.keys).send(new GetRoleCommand({ RoleName: s.roleName }))).resolves.toBeDefined();
    await expect(iamAs(emu(), s.keys).send(new ListRolesCommand({}))).rejects.toMatchObject({ name: "AccessDenied" });

    const n = await sessionOf(emu(), { inline: { p: doc({ Effect: "Allow", NotAction: "iam:Create*", Resource: "*" }) } });
    await expect(iamAs(emu(), n.keys).send(new ListRolesCommand({}))).resolves.toBeDefined();
    await expect(iamAs(emu(), n.keys).send(newRole("nope"))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("resources match as ARNs with wildcards per segment; NotResource excludes", async () => {
    const s = await sessionOf(emu(), { inline: { p: doc({ Effect: "Allow", Action: "iam:CreateRole", Resource: "arn:aws:iam::*:role/app-*" }) } });
    await expect(iamAs(emu(), s.keys).send(newRole("app-1"))).resolves.toBeDefined();
    await expect(iamAs(emu(), s.keys).send(newRole("other"))).rejects.toMatchObject({
      message: `User: ${s.arn} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${MGMT}:role/other because no identity-based policy allows the iam:CreateRole action`,
    });
    // A wildcard does not reach across the colons between ARN segments.
    const t = await sessionOf(emu(), { inline: { p: doc({ Effect: "Allow", Action: "iam:CreateRole", Resource: "arn:aws:iam:*:role/*" }) } });
    await expect(iamAs(emu(), t.keys).send(newRole("colon"))).rejects.toMatchObject({ name: "AccessDenied" });

    const n = await sessionOf(emu(), { inline: { p: doc({ Effect: "Allow", Action: "iam:CreateRole", NotResource: "arn:aws:iam::*:role/admin*" }) } });
    await expect(iamAs(emu(), n.keys).send(newRole("svc"))).resolves.toBeDefined();
    await expect(iamAs(emu(), n.keys).send(newRole("admin2"))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("conditions use the trust evaluator's operators: region, ARN of an attached policy, unknown operators fail closed", async () => {
    const s = await sessionOf(emu(), {
      inline: {
        p: doc(
          { Effect: "Allow", Action: "appconfig:ListApplications", Resource: "*", Condition: { StringEquals: { "aws:RequestedRegion": "eu-west-1" } } },
          { Effect: "Allow", Action: "iam:AttachRolePolicy", Resource: "*", Condition: { ArnLike: { "iam:PolicyARN": "arn:aws:iam::aws:policy/*ReadOnly*" } } },
          { Effect: "Allow", Action: "iam:GetRole", Resource: "*", Condition: { DateGreaterThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } } },
        ),
      },
    });
    await expect(clientFor(emu(), "appconfig", { credentials: s.keys, region: "eu-west-1" }).send(new ListApplicationsCommand({}))).resolves.toBeDefined();
    await expect(clientFor(emu(), "appconfig", { credentials: s.keys, region: "us-east-1", maxAttempts: 1 }).send(new ListApplicationsCommand({}))).rejects.toMatchObject({
      name: "AccessDeniedException",
    });
    await expect(iamAs(emu(), s.keys).send(new GetRoleCommand({ RoleName: s.roleName }))).rejects.toMatchObject({ name: "AccessDenied" });
    const attach = (arn: string) => iamAs(emu(), s.keys).send(new AttachRolePolicyCommand({ RoleName: s.roleName, PolicyArn: arn }));
    await expect(attach("arn:aws:iam::aws:policy/AdministratorAccess")).rejects.toMatchObject({ name: "AccessDenied" });
    await expect(attach("arn:aws:iam::aws:policy/IAMReadOnlyAccess")).resolves.toBeDefined();
  });

  it("a permissions boundary caps what identity policies allow, and its Deny wins too", async () => {
    const s = await sessionOf(emu(), { managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], boundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    const role = await iamAs(emu(), s.keys).send(new GetRoleCommand({ RoleName: s.roleName }));
    expect(role.Role?.PermissionsBoundary).toEqual({ PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    await expect(iamAs(emu(), s.keys).send(newRole("capped"))).rejects.toMatchObject({
      message: `User: ${s.arn} is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::${MGMT}:role/capped because no permissions boundary allows the iam:CreateRole action`,
    });

    const boundary = putManagedPolicy(emu().world, MGMT, {
      policyName: "no-role-reads",
      document: doc({ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "iam:GetRole", Resource: "*" }),
    });
    const d = await sessionOf(emu(), { managed: ["arn:aws:iam::aws:policy/AdministratorAccess"], boundary: boundary.arn });
    await expect(iamAs(emu(), d.keys).send(new GetRoleCommand({ RoleName: d.roleName }))).rejects.toMatchObject({
      message: `User: ${d.arn} is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${MGMT}:role/${d.roleName} with an explicit deny in a permissions boundary`,
    });
  });

  it("PutRolePermissionsBoundary sets a boundary that takes effect on the role's sessions", async () => {
    const s = await sessionOf(emu(), { managed: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
    await clientFor(emu(), "iam").send(new PutRolePermissionsBoundaryCommand({ RoleName: s.roleName, PermissionsBoundary: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    await expect(iamAs(emu(), s.keys).send(newRole("after-boundary"))).rejects.toMatchObject({ name: "AccessDenied" });
  });

  it("Organizations answers AccessDeniedException in its own words", async () => {
    await clientFor(emu(), "organizations").send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    const s = await sessionOf(emu(), { inline: { p: doc({ Effect: "Allow", Action: "organizations:Describe*", Resource: "*" }) } });
    const orgs = clientFor(emu(), "organizations", { credentials: s.keys, maxAttempts: 1 });
    await expect(orgs.send(new DescribeOrganizationCommand({}))).resolves.toBeDefined();
    await expect(orgs.send(new ListRootsCommand({}))).rejects.toMatchObject({
      name: "AccessDeniedException",
      message: "You don't have permissions to access this resource.",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("AssumeRole: across accounts the caller needs an identity Allow; in one account a trust naming the role is enough", async () => {
    const target = putRole(emu().world, DEV, { roleName: "Target", assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: MGMT }, Action: "sts:AssumeRole" }) });
    const s = await sessionOf(emu(), {});
    const sts = clientFor(emu(), "sts", { credentials: s.keys, maxAttempts: 1 });
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: target.arn, RoleSessionName: "hop" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: ${s.arn} is not authorized to perform: sts:AssumeRole on resource: ${target.arn} because no identity-based policy allows the sts:AssumeRole action`,
    });
    const callerRoleArn = `arn:aws:iam::${MGMT}:role/${s.roleName}`;
    const sibling = putRole(emu().world, MGMT, { roleName: "Sibling", assumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: callerRoleArn }, Action: "sts:AssumeRole" }) });
    await expect(sts.send(new AssumeRoleCommand({ RoleArn: sibling.arn, RoleSessionName: "hop" }))).resolves.toBeDefined();
  });
});
