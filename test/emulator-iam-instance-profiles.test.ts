// Instance profiles in the emulated IAM: the shapes and errors of botocore's model, and
// the one thing orgctl depends on — a role in a profile cannot be deleted.
import { describe, expect, it } from "vitest";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetAccountAuthorizationDetailsCommand,
  GetInstanceProfileCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  RemoveRoleFromInstanceProfileCommand,
} from "@aws-sdk/client-iam";
import { startEmulator } from "../src/emulator/index.js";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const MGMT = "111111111111";
const TRUST = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] });

async function awsError(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  const err = (await call.then(
    () => {
      throw new Error("expected an AWS error, but the call succeeded");
    },
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  return { name: err.name, message: err.message, status: err.$metadata.httpStatusCode };
}

describe("IAM instance profiles", () => {
  const emu = withEmulator({ seed: 7 });
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });

  it("CreateInstanceProfile returns the profile with its ARN (path included), id, no roles and its tags; names are unique in any case", async () => {
    const out = await iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: "Web", Path: "/ec2/", Tags: [{ Key: "env", Value: "dev" }] }));
    expect(out.InstanceProfile).toMatchObject({
      InstanceProfileName: "Web",
      Path: "/ec2/",
      Arn: `arn:aws:iam::${MGMT}:instance-profile/ec2/Web`,
      Roles: [],
      Tags: [{ Key: "env", Value: "dev" }],
    });
    expect(out.InstanceProfile!.InstanceProfileId).toMatch(/^AIPA[A-Z0-9]{17}$/);
    expect(await awsError(iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: "WEB" })))).toEqual({
      name: "EntityAlreadyExistsException", message: "Instance Profile WEB already exists.", status: 409,
    });
    expect((await awsError(iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: "bad name" })))).name).toBe("ValidationError");
  });

  it("GetInstanceProfile finds a profile in any case and answers NoSuchEntity for an unknown one", async () => {
    expect((await iam().send(new GetInstanceProfileCommand({ InstanceProfileName: "web" }))).InstanceProfile?.InstanceProfileName).toBe("Web");
    expect(await awsError(iam().send(new GetInstanceProfileCommand({ InstanceProfileName: "Nope" })))).toEqual({
      name: "NoSuchEntityException", message: "Instance Profile Nope cannot be found.", status: 404,
    });
  });

  it("holds one role; the role cannot be deleted and the profile cannot be deleted while it holds it", async () => {
    await iam().send(new CreateRoleCommand({ RoleName: "WebServer", AssumeRolePolicyDocument: TRUST }));
    await iam().send(new CreateRoleCommand({ RoleName: "Other", AssumeRolePolicyDocument: TRUST }));
    await iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "Web", RoleName: "webserver" }));
    const limit = { name: "LimitExceededException", message: "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1", status: 409 };
    expect(await awsError(iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "Web", RoleName: "Other" })))).toEqual(limit);
    expect(await awsError(iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "Web", RoleName: "WebServer" })))).toEqual(limit);
    expect((await iam().send(new GetInstanceProfileCommand({ InstanceProfileName: "Web" }))).InstanceProfile?.Roles?.map((r) => [r.RoleName, r.Arn])).toEqual([
      ["WebServer", `arn:aws:iam::${MGMT}:role/WebServer`],
    ]);

    const conflict = { name: "DeleteConflictException", message: "Cannot delete entity, must remove roles from instance profile first.", status: 409 };
    expect(await awsError(iam().send(new DeleteRoleCommand({ RoleName: "WebServer" })))).toEqual(conflict);
    expect(await awsError(iam().send(new DeleteInstanceProfileCommand({ InstanceProfileName: "Web" })))).toEqual(conflict);

    const details = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Role"] }));
    const inProfiles = Object.fromEntries(details.RoleDetailList!.map((r) => [r.RoleName, r.InstanceProfileList!.map((p) => p.InstanceProfileName)]));
    expect(inProfiles).toEqual({ Other: [], WebServer: ["Web"] });

    expect((await awsError(iam().send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "Web", RoleName: "Other" })))).name).toBe("NoSuchEntityException");
    await iam().send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "Web", RoleName: "WebServer" }));
    await iam().send(new DeleteRoleCommand({ RoleName: "WebServer" }));
    await iam().send(new DeleteInstanceProfileCommand({ InstanceProfileName: "Web" }));
    expect((await awsError(iam().send(new GetInstanceProfileCommand({ InstanceProfileName: "Web" })))).name).toBe("NoSuchEntityException");
  });

  it("ListInstanceProfiles pages by name with PathPrefix; ListInstanceProfilesForRole lists the role's profiles", async () => {
    for (const [name, path] of [["b-app", "/app/"], ["A-app", "/app/"], ["c-app", "/app/"], ["batch", "/batch/"]])
      await iam().send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Path: path }));
    await iam().send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "batch", RoleName: "Other" }));

    const first = await iam().send(new ListInstanceProfilesCommand({ PathPrefix: "/app/", MaxItems: 2 }));
    expect(first.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(["A-app", "b-app"]);
    expect(first.IsTruncated).toBe(true);
    expect(first.InstanceProfiles![0]!.Tags).toBeUndefined();
    const second = await iam().send(new ListInstanceProfilesCommand({ PathPrefix: "/app/", MaxItems: 2, Marker: first.Marker }));
    expect(second.InstanceProfiles!.map((p) => p.InstanceProfileName)).toEqual(["c-app"]);
    expect(second.IsTruncated).toBe(false);
    expect((await awsError(iam().send(new ListInstanceProfilesCommand({ PathPrefix: "app" })))).name).toBe("ValidationError");

    const forRole = await iam().send(new ListInstanceProfilesForRoleCommand({ RoleName: "other" }));
    expect(forRole.InstanceProfiles!.map((p) => [p.InstanceProfileName, p.Roles!.map((r) => r.RoleName)])).toEqual([["batch", ["Other"]]]);
    expect((await awsError(iam().send(new ListInstanceProfilesForRoleCommand({ RoleName: "Missing" })))).name).toBe("NoSuchEntityException");
  });
});

describe("instance profiles in snapshots", () => {
  it("are seeded with their role and dumped back", async () => {
    const snapshot = {
      formatVersion: 1 as const,
      iam: {
        accounts: {
          [MGMT]: {
            roles: [{ RoleName: "WebServer", AssumeRolePolicyDocument: TRUST }],
            instanceProfiles: [
              { InstanceProfileName: "Web", Path: "/ec2/", Roles: ["WebServer"], Tags: [{ Key: "k", Value: "v" }] },
              { InstanceProfileName: "Empty" },
            ],
          },
        },
      },
    };
    const handle = await startEmulator({ snapshot });
    try {
      const iam = clientFor(handle, "iam", { maxAttempts: 1 });
      expect((await awsError(iam.send(new DeleteRoleCommand({ RoleName: "WebServer" })))).name).toBe("DeleteConflictException");
      const dumped = handle.snapshot().iam as { accounts: Record<string, { instanceProfiles?: unknown }> };
      expect(dumped.accounts[MGMT]!.instanceProfiles).toEqual([
        { InstanceProfileName: "Empty", Path: "/" },
        { InstanceProfileName: "Web", Path: "/ec2/", Tags: [{ Key: "k", Value: "v" }], Roles: ["WebServer"] },
      ]);
    } finally {
      await handle.stop();
    }
  });
});
