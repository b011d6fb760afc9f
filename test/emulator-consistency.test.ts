// Eventual consistency on demand: with the setting on, a new role is refused as a principal,
// cannot be assumed and is missing from reads for a while, and so is a new account's access
// role; with it off (the default) everything is immediate. Time is moved with the clock's
// advance(), never waited for; each delay is its setting times a seeded factor in [0.5, 1.5).
import { describe, expect, it } from "vitest";
import { CreateRoleCommand, GetRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { CreateAccountCommand, CreateOrganizationCommand, DescribeCreateAccountStatusCommand } from "@aws-sdk/client-organizations";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { clientFor } from "./helpers/emulator.js";

const MGMT = "111111111111";
const trustOf = (principal: string) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: principal }, Action: "sts:AssumeRole" }] });

async function withEmu(opts: Parameters<typeof startEmulator>[0], fn: (e: EmulatorHandle) => Promise<void>): Promise<void> {
  const e = await startEmulator(opts);
  try {
    await fn(e);
  } finally {
    await e.stop();
  }
}

const iam = (e: EmulatorHandle) => clientFor(e, "iam", { maxAttempts: 1 });
const createRole = (e: EmulatorHandle, name: string, principal = MGMT) =>
  iam(e).send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustOf(principal) }));
const assume = (e: EmulatorHandle, arn: string) => clientFor(e, "sts", { maxAttempts: 1 }).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "lag" }));

describe("eventual consistency", () => {
  it("is off by default: a new role is at once a principal, assumable and readable", async () => {
    await withEmu({}, async (e) => {
      const first = await createRole(e, "first");
      await expect(createRole(e, "second", first.Role!.Arn!)).resolves.toBeDefined();
      await expect(assume(e, first.Role!.Arn!)).resolves.toBeDefined();
      await expect(iam(e).send(new GetRoleCommand({ RoleName: "first" }))).resolves.toBeDefined();
    });
  });

  it("a new role is refused as a principal with Invalid principal in policy until it has propagated", async () => {
    await withEmu({ consistency: { principalMs: 4000 } }, async (e) => {
      const first = await createRole(e, "first");
      const arn = first.Role!.Arn!;
      await expect(createRole(e, "second", arn)).rejects.toMatchObject({
        name: "MalformedPolicyDocumentException",
        message: `Invalid principal in policy: "AWS":"${arn}"`,
        $metadata: { httpStatusCode: 400 },
      });
      e.world.clock.advance(6000);
      await expect(createRole(e, "second", arn)).resolves.toBeDefined();
    });
  });

  it("a new role cannot be assumed, and reads do not show it, for a while", async () => {
    await withEmu({ consistency: { assumeMs: 8000, readMs: 2000 } }, async (e) => {
      const arn = (await createRole(e, "fresh")).Role!.Arn!;
      await expect(assume(e, arn)).rejects.toMatchObject({
        name: "AccessDenied",
        message: `User: arn:aws:iam::${MGMT}:user/sandbox-admin is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
      });
      await expect(iam(e).send(new GetRoleCommand({ RoleName: "fresh" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
      expect((await iam(e).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual([]);
      e.world.clock.advance(3000);
      expect((await iam(e).send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName)).toEqual(["fresh"]);
      await expect(assume(e, arn)).rejects.toMatchObject({ name: "AccessDenied" });
      e.world.clock.advance(10_000);
      await expect(assume(e, arn)).resolves.toBeDefined();
    });
  });

  it("a new account's access role is not assumable at once", async () => {
    await withEmu({ consistency: { accessRoleMs: 10_000 } }, async (e) => {
      const orgs = clientFor(e, "organizations");
      await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
      const started = await orgs.send(new CreateAccountCommand({ AccountName: "new", Email: "aws+new@example.com" }));
      e.world.clock.advance(60_000);
      const status = await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: started.CreateAccountStatus!.Id! }));
      expect(status.CreateAccountStatus?.State).toBe("SUCCEEDED");
      const roleArn = `arn:aws:iam::${status.CreateAccountStatus!.AccountId!}:role/OrganizationAccountAccessRole`;
      await expect(assume(e, roleArn)).rejects.toMatchObject({ name: "AccessDenied" });
      e.world.clock.advance(15_000);
      await expect(assume(e, roleArn)).resolves.toBeDefined();
    });
  });

  it("roles seeded from a snapshot have long propagated", async () => {
    await withEmu(
      {
        consistency: { principalMs: 60_000, assumeMs: 60_000, readMs: 60_000 },
        snapshot: { formatVersion: 1, iam: { accounts: { [MGMT]: { roles: [{ RoleName: "seeded", AssumeRolePolicyDocument: trustOf(MGMT) }] } } } },
      },
      async (e) => {
        await expect(assume(e, `arn:aws:iam::${MGMT}:role/seeded`)).resolves.toBeDefined();
        await expect(iam(e).send(new GetRoleCommand({ RoleName: "seeded" }))).resolves.toBeDefined();
      },
    );
  });
});
