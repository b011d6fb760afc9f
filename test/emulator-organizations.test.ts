// The Organizations emulator as the real SDK sees it: every operation orgctl relies on,
// its errors, NextToken paging, asynchronous CreateAccount and snapshots.
import { describe, expect, it } from "vitest";
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  DeleteOrganizationalUnitCommand,
  DescribeAccountCommand,
  DescribeCreateAccountStatusCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListCreateAccountStatusCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  OrganizationsClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateOrganizationalUnitCommand,
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListChildren,
  paginateListOrganizationalUnitsForParent,
  type Account,
} from "@aws-sdk/client-organizations";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { clientFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";
import { addLongTermKey } from "../src/emulator/world.js";
import { findRole } from "../src/emulator/iam/state.js";
import type { Snapshot } from "../src/emulator/types.js";

const MGMT = "111111111111";

function keyFor(handle: EmulatorHandle, accountId: string) {
  const key = { accessKeyId: `AKIATEST${accountId}`, secretAccessKey: `secret-for-${accountId}`, accountId };
  addLongTermKey(handle.world, key);
  return { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}

async function rootId(orgs: OrganizationsClient): Promise<string> {
  return (await orgs.send(new ListRootsCommand({}))).Roots![0]!.Id!;
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/** Creates an account and lets the world clock run until the request has completed. */
async function createAccountNow(handle: EmulatorHandle, orgs: OrganizationsClient, input: { Email: string; AccountName: string; Tags?: { Key: string; Value: string }[] }) {
  const started = await orgs.send(new CreateAccountCommand(input));
  handle.world.clock.advance(10_000);
  return (await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus!.Id! }))).CreateAccountStatus!;
}

describe("creating the organization", () => {
  const emu = withEmulator();

  it("answers AWSOrganizationsNotInUseException before any organization exists", async () => {
    const orgs = clientFor(emu(), "organizations");
    await expect(orgs.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({ name: "AWSOrganizationsNotInUseException" });
    await expect(orgs.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: "AWSOrganizationsNotInUseException" });
  });

  it("makes the caller the management account, with one root and itself as the only account", async () => {
    const orgs = clientFor(emu(), "organizations");
    const created = await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    expect(created.Organization).toMatchObject({ FeatureSet: "ALL", MasterAccountId: MGMT });
    expect(created.Organization!.Id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(created.Organization!.Arn).toBe(`arn:aws:organizations::${MGMT}:organization/${created.Organization!.Id}`);

    const described = await orgs.send(new DescribeOrganizationCommand({}));
    expect(described.Organization!.Id).toBe(created.Organization!.Id);

    const roots = (await orgs.send(new ListRootsCommand({}))).Roots!;
    expect(roots).toHaveLength(1);
    expect(roots[0]!.Id).toMatch(/^r-[0-9a-z]{4}$/);

    const accounts = (await orgs.send(new ListAccountsCommand({}))).Accounts!;
    expect(accounts.map((a) => a.Id)).toEqual([MGMT]);
    expect(accounts[0]!.JoinedTimestamp).toBeInstanceOf(Date);
    expect(Math.abs(accounts[0]!.JoinedTimestamp!.getTime() - emu().world.clock.now())).toBeLessThan(60_000);

    await expect(orgs.send(new CreateOrganizationCommand({}))).rejects.toMatchObject({ name: "AlreadyInOrganizationException" });
  });
});

describe("organizational units", () => {
  const emu = withEmulator();

  it("nests OUs, reports parents and children, and renames and deletes them", async () => {
    const orgs = clientFor(emu(), "organizations");
    await orgs.send(new CreateOrganizationCommand({}));
    const root = await rootId(orgs);

    const workloads = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: "Workloads", Tags: [{ Key: "tier", Value: "apps" }] }))).OrganizationalUnit!;
    expect(workloads.Id).toMatch(new RegExp(`^ou-${root.slice(2)}-[a-z0-9]{8}$`));
    const dev = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: workloads.Id!, Name: "Dev" }))).OrganizationalUnit!;
    expect(dev.Path).toMatch(new RegExp(`/${root}/${workloads.Id}/${dev.Id}/$`));

    expect((await orgs.send(new ListParentsCommand({ ChildId: dev.Id! }))).Parents).toEqual([{ Id: workloads.Id, Type: "ORGANIZATIONAL_UNIT" }]);
    expect((await orgs.send(new ListParentsCommand({ ChildId: workloads.Id! }))).Parents).toEqual([{ Id: root, Type: "ROOT" }]);
    expect((await orgs.send(new ListParentsCommand({ ChildId: MGMT }))).Parents).toEqual([{ Id: root, Type: "ROOT" }]);
    expect((await orgs.send(new ListChildrenCommand({ ParentId: root, ChildType: "ORGANIZATIONAL_UNIT" }))).Children).toEqual([
      { Id: workloads.Id, Type: "ORGANIZATIONAL_UNIT" },
    ]);
    expect((await orgs.send(new ListChildrenCommand({ ParentId: root, ChildType: "ACCOUNT" }))).Children).toEqual([{ Id: MGMT, Type: "ACCOUNT" }]);
    expect((await orgs.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads.Id! }))).OrganizationalUnits!.map((u) => u.Name)).toEqual(["Dev"]);
    expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: workloads.Id! }))).Tags).toEqual([{ Key: "tier", Value: "apps" }]);

    await expect(orgs.send(new CreateOrganizationalUnitCommand({ ParentId: workloads.Id!, Name: "Dev" }))).rejects.toMatchObject({ name: "DuplicateOrganizationalUnitException" });
    const renamed = await orgs.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: dev.Id!, Name: "Development" }));
    expect(renamed.OrganizationalUnit).toMatchObject({ Id: dev.Id, Name: "Development" });
    expect((await orgs.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: dev.Id! }))).OrganizationalUnit!.Name).toBe("Development");

    await expect(orgs.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: workloads.Id! }))).rejects.toMatchObject({ name: "OrganizationalUnitNotEmptyException" });
    await orgs.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: dev.Id! }));
    await expect(orgs.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: dev.Id! }))).rejects.toMatchObject({ name: "OrganizationalUnitNotFoundException" });
    await expect(orgs.send(new ListParentsCommand({ ChildId: dev.Id! }))).rejects.toMatchObject({ name: "ChildNotFoundException" });
  });

  it("rejects unknown parents and a sixth level of nesting", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootId(orgs);
    const missing = `ou-${root.slice(2)}-zzzzzzzz`;
    await expect(orgs.send(new CreateOrganizationalUnitCommand({ ParentId: missing, Name: "X" }))).rejects.toMatchObject({ name: "ParentNotFoundException" });
    await expect(orgs.send(new ListChildrenCommand({ ParentId: missing, ChildType: "ACCOUNT" }))).rejects.toMatchObject({ name: "ParentNotFoundException" });
    await expect(orgs.send(new CreateOrganizationalUnitCommand({ ParentId: "not-an-id", Name: "X" }))).rejects.toMatchObject({
      name: "InvalidInputException",
      Reason: "INVALID_PATTERN",
    });

    let parent = root;
    for (let level = 1; level <= 5; level++) {
      parent = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: `L${level}` }))).OrganizationalUnit!.Id!;
    }
    await expect(orgs.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: "L6" }))).rejects.toMatchObject({
      name: "ConstraintViolationException",
      Reason: "OU_DEPTH_LIMIT_EXCEEDED",
    });
  });
});

describe("creating, moving and closing accounts", () => {
  const emu = withEmulator();

  it("creates an account asynchronously, with its tags and an access role the management account can assume", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations");
    await orgs.send(new CreateOrganizationCommand({}));
    const root = await rootId(orgs);

    const started = (await orgs.send(new CreateAccountCommand({ Email: "aws+dev@example.com", AccountName: "development", Tags: [{ Key: "env", Value: "dev" }] })))
      .CreateAccountStatus!;
    expect(started).toMatchObject({ AccountName: "development", State: "IN_PROGRESS" });
    expect(started.Id).toMatch(/^car-[a-z0-9]{32}$/);
    expect(started.RequestedTimestamp).toBeInstanceOf(Date);
    const again = (await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.Id! }))).CreateAccountStatus!;
    expect(again.State).toBe("IN_PROGRESS");
    expect(again.AccountId).toBeUndefined();

    handle.world.clock.advance(10_000);
    const done = (await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.Id! }))).CreateAccountStatus!;
    expect(done.State).toBe("SUCCEEDED");
    expect(done.AccountId).toMatch(/^\d{12}$/);
    expect(done.CompletedTimestamp).toBeInstanceOf(Date);
    const accountId = done.AccountId!;

    const account = (await orgs.send(new DescribeAccountCommand({ AccountId: accountId }))).Account!;
    expect(account).toMatchObject({ Id: accountId, Name: "development", Email: "aws+dev@example.com", Status: "ACTIVE", JoinedMethod: "CREATED" });
    expect((await orgs.send(new ListParentsCommand({ ChildId: accountId }))).Parents).toEqual([{ Id: root, Type: "ROOT" }]);
    expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: accountId }))).Tags).toEqual([{ Key: "env", Value: "dev" }]);

    const role = findRole(handle.world, accountId, "OrganizationAccountAccessRole")!;
    expect(role.attachedPolicies).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(JSON.parse(role.assumeRolePolicyDocument)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }],
    });

    const assumed = await clientFor(handle, "sts").send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: "orgctl" }),
    );
    const c = assumed.Credentials!;
    const inMember = clientFor(handle, "sts", { credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
    expect((await inMember.send(new GetCallerIdentityCommand({}))).Account).toBe(accountId);

    const succeeded = (await orgs.send(new ListCreateAccountStatusCommand({ States: ["SUCCEEDED"] }))).CreateAccountStatuses!;
    expect(succeeded.map((s) => s.Id)).toEqual([started.Id]);
    expect((await orgs.send(new ListCreateAccountStatusCommand({ States: ["FAILED"] }))).CreateAccountStatuses).toEqual([]);
  });

  it("fails a creation whose email is already taken, and rejects malformed input up front", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations");
    const failed = await createAccountNow(handle, orgs, { Email: "AWS+dev@example.com", AccountName: "dev again" });
    expect(failed).toMatchObject({ State: "FAILED", FailureReason: "EMAIL_ALREADY_EXISTS" });
    expect(failed.AccountId).toBeUndefined();
    expect((await orgs.send(new ListCreateAccountStatusCommand({ States: ["FAILED"] }))).CreateAccountStatuses!.map((s) => s.Id)).toEqual([failed.Id]);

    await expect(orgs.send(new CreateAccountCommand({ Email: "not-an-email", AccountName: "x" }))).rejects.toMatchObject({
      name: "InvalidInputException",
      Reason: "INVALID_PATTERN",
    });
    await expect(orgs.send(new CreateAccountCommand({ Email: "a@example.com", AccountName: "n".repeat(51) }))).rejects.toMatchObject({
      name: "InvalidInputException",
      Reason: "MAX_LENGTH_EXCEEDED",
    });
    await expect(orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: `car-${"0".repeat(32)}` }))).rejects.toMatchObject({
      name: "CreateAccountStatusNotFoundException",
    });
  });

  it("moves accounts between parents and reports each MoveAccount error", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations");
    const root = await rootId(orgs);
    const accountId = (await createAccountNow(handle, orgs, { Email: "aws+mover@example.com", AccountName: "mover" })).AccountId!;
    const unit = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: "Target" }))).OrganizationalUnit!.Id!;
    const missing = `ou-${root.slice(2)}-zzzzzzzz`;

    await orgs.send(new MoveAccountCommand({ AccountId: accountId, SourceParentId: root, DestinationParentId: unit }));
    expect((await orgs.send(new ListAccountsForParentCommand({ ParentId: unit }))).Accounts!.map((a) => a.Id)).toEqual([accountId]);
    expect((await orgs.send(new ListAccountsForParentCommand({ ParentId: root }))).Accounts!.map((a) => a.Id)).not.toContain(accountId);
    expect((await orgs.send(new DescribeAccountCommand({ AccountId: accountId }))).Account!.Paths![0]).toMatch(new RegExp(`/${root}/${unit}/${accountId}/$`));

    const move = (src: string, dst: string, id = accountId) => orgs.send(new MoveAccountCommand({ AccountId: id, SourceParentId: src, DestinationParentId: dst }));
    await expect(move(root, unit)).rejects.toMatchObject({ name: "DuplicateAccountException" });
    await expect(move(missing, root)).rejects.toMatchObject({ name: "SourceParentNotFoundException" });
    await expect(move(unit, missing)).rejects.toMatchObject({ name: "DestinationParentNotFoundException" });
    await expect(move(unit, root, "999999999999")).rejects.toMatchObject({ name: "AccountNotFoundException" });
    await expect(orgs.send(new DescribeAccountCommand({ AccountId: "999999999999" }))).rejects.toMatchObject({ name: "AccountNotFoundException" });
  });

  it("closes an account: PENDING_CLOSURE, then SUSPENDED; never the management account", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations");
    const accountId = (await createAccountNow(handle, orgs, { Email: "aws+closing@example.com", AccountName: "closing" })).AccountId!;

    await orgs.send(new CloseAccountCommand({ AccountId: accountId }));
    expect((await orgs.send(new DescribeAccountCommand({ AccountId: accountId }))).Account!.Status).toBe("PENDING_CLOSURE");
    await expect(orgs.send(new CloseAccountCommand({ AccountId: accountId }))).rejects.toMatchObject({ name: "ConcurrentModificationException" });
    handle.world.clock.advance(10_000);
    expect((await orgs.send(new DescribeAccountCommand({ AccountId: accountId }))).Account!.Status).toBe("SUSPENDED");
    await expect(orgs.send(new CloseAccountCommand({ AccountId: accountId }))).rejects.toMatchObject({ name: "AccountAlreadyClosedException" });
    await expect(orgs.send(new CloseAccountCommand({ AccountId: MGMT }))).rejects.toMatchObject({
      name: "ConstraintViolationException",
      Reason: "CANNOT_CLOSE_MANAGEMENT_ACCOUNT",
    });
  });

  it("lets member accounts describe the organization only, and outsiders nothing", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations");
    const member = (await orgs.send(new ListAccountsCommand({}))).Accounts!.find((a) => a.Id !== MGMT)!.Id!;
    const asMember = clientFor(handle, "organizations", { credentials: keyFor(handle, member) });
    expect((await asMember.send(new DescribeOrganizationCommand({}))).Organization!.MasterAccountId).toBe(MGMT);
    await expect(asMember.send(new ListAccountsCommand({}))).rejects.toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    await expect(asMember.send(new CreateAccountCommand({ Email: "x@example.com", AccountName: "x" }))).rejects.toMatchObject({ name: "AccessDeniedException" });

    const outsider = clientFor(handle, "organizations", { credentials: keyFor(handle, "555555555555") });
    await expect(outsider.send(new DescribeOrganizationCommand({}))).rejects.toMatchObject({ name: "AWSOrganizationsNotInUseException" });
  });
});

describe("tags", () => {
  const emu = withEmulator();

  it("tags, retags and untags the root, an OU and an account", async () => {
    const orgs = clientFor(emu(), "organizations");
    await orgs.send(new CreateOrganizationCommand({}));
    const root = await rootId(orgs);
    const unit = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: "Tagged" }))).OrganizationalUnit!.Id!;
    for (const id of [root, unit, MGMT]) {
      await orgs.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: "owner", Value: "platform" }, { Key: "cost", Value: "1" }] }));
      await orgs.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: "cost", Value: "2" }] }));
      await orgs.send(new UntagResourceCommand({ ResourceId: id, TagKeys: ["owner"] }));
      expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: id }))).Tags).toEqual([{ Key: "cost", Value: "2" }]);
    }
    await expect(orgs.send(new ListTagsForResourceCommand({ ResourceId: "999999999999" }))).rejects.toMatchObject({ name: "TargetNotFoundException" });
    await expect(orgs.send(new TagResourceCommand({ ResourceId: root, Tags: [{ Key: "aws:x", Value: "y" }] }))).rejects.toMatchObject({
      name: "InvalidInputException",
      Reason: "INVALID_SYSTEM_TAGS_PARAMETER",
    });
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expect(orgs.send(new TagResourceCommand({ ResourceId: root, Tags: many }))).rejects.toMatchObject({
      name: "ConstraintViolationException",
      Reason: "MAX_TAG_LIMIT_EXCEEDED",
    });
  });
});

const ACCOUNTS_IN_SNAPSHOT = 45;
const bigOrg: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Workloads/Dev", tags: { env: "dev" } }, { path: "Workloads/Prod" }],
    accounts: [
      { id: MGMT, name: "management", email: "aws+management@example.com" },
      ...Array.from({ length: ACCOUNTS_IN_SNAPSHOT }, (_, i) => ({
        id: String(200000000000 + i),
        name: `workload-${i}`,
        email: `aws+w${i}@example.com`,
        unit: i % 2 ? "Workloads/Dev" : "Workloads/Prod",
        tags: { index: String(i) },
        ...(i === 0 ? { accessRole: false as const } : {}),
      })),
    ],
  },
};

describe("paging and snapshots", () => {
  const emu = withEmulator({ snapshot: bigOrg });

  it("pages ListAccounts by NextToken, 20 per page by default", async () => {
    const orgs = clientFor(emu(), "organizations");
    const sizes: number[] = [];
    const ids: string[] = [];
    let token: string | undefined;
    do {
      const page = await orgs.send(new ListAccountsCommand({ NextToken: token }));
      sizes.push(page.Accounts!.length);
      ids.push(...page.Accounts!.map((a) => a.Id!));
      token = page.NextToken;
    } while (token);
    expect(sizes).toEqual([20, 20, 6]);
    expect(new Set(ids).size).toBe(ACCOUNTS_IN_SNAPSHOT + 1);

    const small = await orgs.send(new ListAccountsCommand({ MaxResults: 7 }));
    expect(small.Accounts).toHaveLength(7);
    expect(small.NextToken).toBeDefined();
  });

  it("works with the SDK's paginators", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootId(orgs);
    const accounts = (await collect(paginateListAccounts({ client: orgs, pageSize: 9 }, {}))).flatMap((p) => p.Accounts as Account[]);
    expect(accounts).toHaveLength(ACCOUNTS_IN_SNAPSHOT + 1);

    const [workloads] = (await collect(paginateListOrganizationalUnitsForParent({ client: orgs }, { ParentId: root }))).flatMap((p) => p.OrganizationalUnits!);
    expect(workloads!.Name).toBe("Workloads");
    const units = (await collect(paginateListOrganizationalUnitsForParent({ client: orgs, pageSize: 1 }, { ParentId: workloads!.Id! }))).flatMap((p) => p.OrganizationalUnits!);
    expect(units.map((u) => u.Name)).toEqual(["Dev", "Prod"]);
    const dev = units[0]!.Id!;

    const devPages = await collect(paginateListAccountsForParent({ client: orgs, pageSize: 10 }, { ParentId: dev }));
    expect(devPages.length).toBe(3);
    expect(devPages.flatMap((p) => p.Accounts!).map((a) => a.Name)).toEqual(Array.from({ length: 22 }, (_, i) => `workload-${2 * i + 1}`));
    const children = (await collect(paginateListChildren({ client: orgs }, { ParentId: dev, ChildType: "ACCOUNT" }))).flatMap((p) => p.Children!);
    expect(children).toHaveLength(22);
  });

  it("rejects page sizes above 20 and tokens from another call", async () => {
    const orgs = clientFor(emu(), "organizations");
    await expect(orgs.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "MAX_VALUE_EXCEEDED" });
    const token = (await orgs.send(new ListAccountsCommand({ MaxResults: 1 }))).NextToken!;
    await expect(orgs.send(new ListRootsCommand({ NextToken: token }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "INVALID_NEXT_TOKEN" });
    await expect(orgs.send(new ListAccountsCommand({ NextToken: "garbage" }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "INVALID_NEXT_TOKEN" });
  });

  it("seeds units, accounts, tags and access roles, and dumps them back", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations");
    const described = (await orgs.send(new DescribeAccountCommand({ AccountId: "200000000001" }))).Account!;
    expect(described).toMatchObject({ Name: "workload-1", Email: "aws+w1@example.com", Status: "ACTIVE" });
    expect((await orgs.send(new DescribeOrganizationCommand({}))).Organization!.MasterAccountEmail).toBe("aws+management@example.com");
    expect(findRole(handle.world, "200000000001", "OrganizationAccountAccessRole")).toBeDefined();
    expect(findRole(handle.world, "200000000000", "OrganizationAccountAccessRole")).toBeUndefined();

    const dumped = handle.snapshot().organizations as { units: unknown[]; accounts: { id: string; unit?: string; tags?: Record<string, string> }[] };
    expect(dumped.units).toEqual([{ path: "Workloads" }, { path: "Workloads/Dev", tags: { env: "dev" } }, { path: "Workloads/Prod" }]);
    expect(dumped.accounts).toHaveLength(ACCOUNTS_IN_SNAPSHOT + 1);
    expect(dumped.accounts.find((a) => a.id === "200000000001")).toMatchObject({ unit: "Workloads/Dev", tags: { index: "1" } });
  });

  it("answers TooManyRequestsException when throttled, which the SDK retries", async () => {
    const handle = emu();
    const orgs = clientFor(handle, "organizations", { maxAttempts: 2 });
    handle.setFaults({ rules: [{ service: "organizations", operation: "ListRoots", rate: 1, kind: "throttle" }] });
    try {
      const err = await orgs.send(new ListRootsCommand({})).catch((e: unknown) => e);
      expect(err).toMatchObject({ name: "TooManyRequestsException", $metadata: { attempts: 2 } });
      expect(handle.callCounts()["organizations:ListRoots"]).toBeGreaterThanOrEqual(2);
    } finally {
      handle.setFaults({});
    }
    expect((await orgs.send(new ListRootsCommand({}))).Roots).toHaveLength(1);
  });
});
