// Permissions boundaries and instance profiles declared on a role, end to end: created with
// the role (a boundary that is our own policy waits for its create), shown in the plan when
// they change (a removed or changed boundary may widen access: destructive), and the
// profile is created, joined, left and deleted in the order IAM requires.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetInstanceProfileCommand, GetRoleCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";
import { words } from "./fixtures/reasons.js";

const DEV = "222222222222";
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-boundary-"));
const write = (role: string) =>
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  dev: { id: "${DEV}", email: aws+dev@example.com }
policies:
  - name: WorkerBoundary
    in: { accounts: [dev] }
    document: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: ["s3:*", "sqs:*"], Resource: "*" }] }
roles:
  - name: Worker
    in: { accounts: [dev] }
    trust: { services: [ec2.amazonaws.com] }
    managedPolicies: [ReadOnlyAccess]
${role}`,
  );
write("    permissionsBoundary: WorkerBoundary\n    instanceProfile: true\n");

describe("boundaries and instance profiles on roles", () => {
  const sandbox = withExample(dir);

  it("creates the boundary policy, then the role with it, then the profile holding the role; re-plans to zero", async () => {
    const handle = sandbox.emulator();
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["create dev/iam/managed-policy/WorkerBoundary", "create dev/iam/role/Worker"]);
    expect(changeAt(plan, "dev/iam/role/Worker").dependsOn).toEqual(["dev/iam/managed-policy/WorkerBoundary"]);
    expect(changeAt(plan, "dev/iam/role/Worker").after).toMatchObject({
      permissionsBoundary: `arn:aws:iam::${DEV}:policy/WorkerBoundary`,
      instanceProfile: { name: "Worker", path: "/" },
    });
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", DEV);
    expect((await iam.send(new GetRoleCommand({ RoleName: "Worker" }))).Role!.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: "Policy",
      PermissionsBoundaryArn: `arn:aws:iam::${DEV}:policy/WorkerBoundary`,
    });
    expect((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "Worker" }))).InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual(["Worker"]);
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it("changing the boundary is destructive (it may widen access)", async () => {
    const handle = sandbox.emulator();
    write("    permissionsBoundary: PowerUserAccess\n    instanceProfile: true\n");
    const { plan } = await planJson(handle, dir);
    const change = changeAt(plan, "dev/iam/role/Worker");
    expect(change.destructive).toBe(true);
    expect(words(change)).toEqual(["permissions boundary (changed: may widen access)"]);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", DEV);
    expect((await iam.send(new GetRoleCommand({ RoleName: "Worker" }))).Role!.PermissionsBoundary!.PermissionsBoundaryArn).toBe("arn:aws:iam::aws:policy/PowerUserAccess");
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });

  it("removing both takes the boundary off, and the role out of its profile, which is then deleted", async () => {
    const handle = sandbox.emulator();
    write("");
    const { plan } = await planJson(handle, dir);
    const change = changeAt(plan, "dev/iam/role/Worker");
    expect(words(change)).toEqual(["permissions boundary (removed: may widen access)", "instance profile Worker (removed)"]);
    expect(change.destructive).toBe(true);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", DEV);
    expect((await iam.send(new GetRoleCommand({ RoleName: "Worker" }))).Role!.PermissionsBoundary).toBeUndefined();
    await expect(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "Worker" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });
});
