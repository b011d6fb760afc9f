// SCPs and RCPs are enforced in the emulator, so a guardrail can be tried in the sandbox
// before it is rolled out: a call made in a member account is filtered by the SCPs inherited
// root → OUs → account (an explicit Deny wins; every level needs an Allow), the management
// account is never filtered, and RCPs filter what is done to a member account's resources.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateUserCommand, GetUserCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { AttachPolicyCommand, CreatePolicyCommand, DescribeOrganizationCommand, DetachPolicyCommand, ListRootsCommand, ListOrganizationalUnitsForParentCommand } from "@aws-sdk/client-organizations";
import { putRole } from "../src/emulator/iam/state.js";
import { addLongTermKey } from "../src/emulator/world.js";
import { clientFor, withEmulator, type EmulatorHandle, type Keys } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/types.js";

const MGMT = "111111111111";
const SANDBOX = "222222222222";
const PROD = "333333333333";
const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Sandbox" }, { path: "Prod" }],
    accounts: [
      { id: SANDBOX, name: "sandbox", email: "sandbox@example.com", unit: "Sandbox" },
      { id: PROD, name: "prod", email: "prod@example.com", unit: "Prod" },
    ],
    policyTypes: ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"],
  },
};
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

async function accessRoleSession(emu: EmulatorHandle, account: string, roleName = "OrganizationAccountAccessRole"): Promise<Keys> {
  const out = await clientFor(emu, "sts").send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/${roleName}`, RoleSessionName: "s1" }));
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

describe("service control policies", () => {
  const emu = withEmulator({ snapshot });
  const ids: Record<string, string> = {};
  let orgId = "";

  beforeAll(async () => {
    const orgs = clientFor(emu(), "organizations");
    orgId = (await orgs.send(new DescribeOrganizationCommand({}))).Organization!.Id!;
    const rootId = (await orgs.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    for (const ou of (await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }))).OrganizationalUnits!) ids[ou.Name!] = ou.Id!;
    ids.root = rootId;
  });

  async function policy(name: string, content: string, targets: string[]): Promise<string> {
    const orgs = clientFor(emu(), "organizations");
    const id = (await orgs.send(new CreatePolicyCommand({ Name: name, Description: "", Type: "SERVICE_CONTROL_POLICY", Content: content }))).Policy!.PolicySummary!.Id!;
    for (const t of targets) await orgs.send(new AttachPolicyCommand({ PolicyId: id, TargetId: t }));
    return id;
  }

  it("CreateUser in a Sandbox-unit account under a deny SCP is AccessDenied with an explicit deny in a service control policy", async () => {
    const id = await policy("deny-iam-users", doc({ Sid: "NoUsers", Effect: "Deny", Action: "iam:CreateUser", Resource: "*" }), [ids.Sandbox!]);
    const iam = clientFor(emu(), "iam", { credentials: await accessRoleSession(emu(), SANDBOX), maxAttempts: 1 });
    await expect(iam.send(new CreateUserCommand({ UserName: "bob" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:sts::${SANDBOX}:assumed-role/OrganizationAccountAccessRole/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${SANDBOX}:user/bob with an explicit deny in a service control policy: arn:aws:organizations::${MGMT}:policy/${orgId}/service_control_policy/${id}`,
      $metadata: { httpStatusCode: 403 },
    });
    // What the SCP does not name still passes (FullAWSAccess at every level).
    await expect(iam.send(new GetUserCommand({ UserName: "nobody" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    // The same call in an account of another unit is not filtered by it.
    const prodIam = clientFor(emu(), "iam", { credentials: await accessRoleSession(emu(), PROD), maxAttempts: 1 });
    await expect(prodIam.send(new CreateUserCommand({ UserName: "bob" }))).resolves.toMatchObject({ User: { UserName: "bob" } });
  });

  it("the root user of a member account is filtered too: its own policies never restrict it, its organization's SCPs do", async () => {
    const key = { accessKeyId: "AKIAROOTSANDBOX00001", secretAccessKey: "root-secret-of-sandbox", accountId: SANDBOX };
    addLongTermKey(emu().world, key);
    const iam = clientFor(emu(), "iam", { credentials: key, maxAttempts: 1 });
    await expect(iam.send(new CreateUserCommand({ UserName: "rooted" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringMatching(new RegExp(`^User: arn:aws:iam::${SANDBOX}:root is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${SANDBOX}:user/rooted with an explicit deny in a service control policy: `)),
    });
  });

  it("an SCP on the root filters every member account but never the management account", async () => {
    await policy("deny-user-bob2", doc({ Effect: "Deny", Action: "iam:CreateUser", Resource: "arn:aws:iam::*:user/bob2" }), [ids.root!]);
    await expect(clientFor(emu(), "iam").send(new CreateUserCommand({ UserName: "bob2" }))).resolves.toMatchObject({ User: { UserName: "bob2" } });
    const prodIam = clientFor(emu(), "iam", { credentials: await accessRoleSession(emu(), PROD), maxAttempts: 1 });
    await expect(prodIam.send(new CreateUserCommand({ UserName: "bob2" }))).rejects.toMatchObject({ name: "AccessDenied", message: expect.stringContaining("with an explicit deny in a service control policy") });
  });

  it("a level whose SCPs allow nothing for the action denies implicitly, even with FullAWSAccess above it", async () => {
    const orgs = clientFor(emu(), "organizations");
    await policy("read-only", doc({ Effect: "Allow", Action: ["iam:Get*", "iam:List*"], Resource: "*" }), [PROD]);
    await orgs.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: PROD }));
    const prodIam = clientFor(emu(), "iam", { credentials: await accessRoleSession(emu(), PROD), maxAttempts: 1 });
    await expect(prodIam.send(new CreateUserCommand({ UserName: "carol" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: `User: arn:aws:sts::${PROD}:assumed-role/OrganizationAccountAccessRole/s1 is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${PROD}:user/carol because no service control policy allows the iam:CreateUser action`,
    });
    await expect(prodIam.send(new GetUserCommand({ UserName: "bob" }))).resolves.toMatchObject({ User: { UserName: "bob" } });
  });
});

describe("resource control policies", () => {
  const emu = withEmulator({ snapshot });

  it("an RCP on a unit denies assuming matching roles in its accounts, whoever calls, naming the RCP", async () => {
    const orgs = clientFor(emu(), "organizations");
    const rootId = (await orgs.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const prodUnit = (await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }))).OrganizationalUnits!.find((u) => u.Name === "Prod")!.Id!;
    const content = doc({ Sid: "NoLocked", Effect: "Deny", Principal: "*", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/Locked*" });
    const id = (await orgs.send(new CreatePolicyCommand({ Name: "locked-roles", Description: "", Type: "RESOURCE_CONTROL_POLICY", Content: content }))).Policy!.PolicySummary!.Id!;
    await orgs.send(new AttachPolicyCommand({ PolicyId: id, TargetId: prodUnit }));
    const trust = doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" });
    putRole(emu().world, PROD, { roleName: "LockedAdmin", assumeRolePolicyDocument: trust });
    putRole(emu().world, SANDBOX, { roleName: "LockedAdmin", assumeRolePolicyDocument: trust });
    await expect(accessRoleSession(emu(), PROD, "LockedAdmin")).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringMatching(new RegExp(`on resource: arn:aws:iam::${PROD}:role/LockedAdmin with an explicit deny in a resource control policy: arn:aws:organizations::${MGMT}:policy/o-[a-z0-9]+/resource_control_policy/${id}$`)),
    });
    await expect(accessRoleSession(emu(), SANDBOX, "LockedAdmin")).resolves.toMatchObject({ accessKeyId: expect.any(String) });
    await expect(accessRoleSession(emu(), PROD)).resolves.toMatchObject({ accessKeyId: expect.any(String) });
  });
});
