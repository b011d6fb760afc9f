// orgctl running as an IAM user gets its permissions through a group: taking that user out
// of the group, or detaching, deleting or rewriting one of the group's policies (inline, or
// a managed policy attached to it), could take orgctl's own access away, and no later
// plan could repair that. Apply refuses such a change, whatever the plan says: from the
// plan before anything runs, and again where the operation runs, with what IAM says then
// (a hand-edited change that hides the caller from `before` is still refused); the plan
// itself shows such a change as a conflict. Adding to the group is harmless and goes through.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetGroupCommand, GetGroupPolicyCommand, GetPolicyCommand, ListAttachedGroupPoliciesCommand } from "@aws-sdk/client-iam";
import type { IamSnapshot } from "../src/emulator/iam/snapshot.js";
import { lockoutReason } from "../src/apply/lockout.js";
import { operationRunner } from "../src/apply/operations.js";
import { KINDS } from "../src/kinds/registry.js";
import { auditFile } from "./helpers/apply.js";
import { clientFactoryFor } from "./helpers/emulator.js";
import { actions, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";
import { handEdited } from "./fixtures/hand-edited.js";

const MGMT = "111111111111";
const CALLER = `arn:aws:iam::${MGMT}:user/sandbox-admin`;
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const READ = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const EXTRA = `arn:aws:iam::${MGMT}:policy/platform-extra`;
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-group-lockout-"));

interface Shape {
  members?: string;
  managed?: string;
  notes?: string;
  extra?: string;
}
const write = ({ members = "sandbox-admin, alice", managed = "AdministratorAccess, ReadOnlyAccess, platform-extra", notes = "s3:ListAllMyBuckets", extra = "Allow" }: Shape = {}) =>
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "${MGMT}", accessRole: OrganizationAccountAccessRole }
settings: { owner: group-lockout-test }
accounts:
  management: { id: "${MGMT}", email: aws+mgmt@example.com }
policies:
  - name: platform-extra
    in: { accounts: [management] }
    document: { Version: "2012-10-17", Statement: [{ Effect: ${extra}, Action: "sts:*", Resource: "*" }] }
groups:
  - name: platform
    in: { accounts: [management] }
    members: [${members}]
    managedPolicies: [${managed}]
    inlinePolicies:
      notes: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "${notes}", Resource: "*" }] }
`,
  );
write();

const why = (what: string) =>
  `group platform holds sandbox-admin, the IAM user these credentials belong to (${CALLER}): the change would ${what}, which could take away orgctl's own access; make it with other credentials`;
const conflict = (what: string) => ({ address: "management/iam/group/platform", message: `refused: ${why(what)}` });

describe("a group the calling IAM user is in", () => {
  const sandbox = withExample(dir, (snapshot) => {
    const account = (snapshot.iam as IamSnapshot).accounts[MGMT]!;
    // sandbox-admin's only permissions come through the group.
    account.users = [{ UserName: "sandbox-admin" }, { UserName: "alice" }, { UserName: "bob" }];
    account.groups = [{ GroupName: "platform", ManagedPolicyArns: [ADMIN, READ], Users: ["sandbox-admin", "alice"] }];
  });
  const members = async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", MGMT);
    return (await iam.send(new GetGroupCommand({ GroupName: "platform" }))).Users!.map((u) => u.UserName).sort();
  };
  const attached = async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", MGMT);
    return (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "platform" }))).AttachedPolicies!.map((p) => p.PolicyArn).sort();
  };
  const apply = () => orgctl(sandbox.emulator(), "apply", dir, "--auto-approve", "--audit-log", auditFile());

  it("additions go through: a policy created and attached, an inline policy added", async () => {
    expect(actions((await planJson(sandbox.emulator(), dir)).plan)).toEqual(["create management/iam/managed-policy/platform-extra", "update management/iam/group/platform"]);
    const applied = await apply();
    expect(applied.stderr).not.toMatch(/refused|failed/);
    expect(applied.code).toBe(0);
    expect(await attached()).toEqual([EXTRA, ADMIN, READ]);
    expect(actions((await planJson(sandbox.emulator(), dir)).plan)).toEqual([]);
  });

  it("taking the caller out of the group is a conflict in the plan, and apply refuses it", async () => {
    write({ members: "alice" });
    const planned = await planJson(sandbox.emulator(), dir);
    expect(planned.plan.conflicts).toEqual([conflict("remove sandbox-admin from it")]);
    expect(planned.code).toBe(1);
    const applied = await apply();
    expect(applied.stderr).toContain(`conflict: management/iam/group/platform: refused: ${why("remove sandbox-admin from it")}`);
    expect(applied.code).toBe(1);
    expect(await members()).toEqual(["alice", "sandbox-admin"]);
  });

  it("detaching a policy or changing an inline one is refused; nothing of the group changes", async () => {
    write({ managed: "AdministratorAccess, platform-extra", notes: "s3:ListBucket" });
    expect((await planJson(sandbox.emulator(), dir)).plan.conflicts).toEqual([conflict(`detach ${READ}, change inline policy notes`)]);
    const applied = await apply();
    expect(applied.stderr).toContain(`refused: ${why(`detach ${READ}, change inline policy notes`)}`);
    expect(applied.code).toBe(1);
    expect(await attached()).toEqual([EXTRA, ADMIN, READ]);
    const iam = await clientIn(sandbox.emulator(), "iam", MGMT);
    const inline = await iam.send(new GetGroupPolicyCommand({ GroupName: "platform", PolicyName: "notes" }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0].Action).toEqual(["s3:ListAllMyBuckets"]);
  });

  it("a new document for a managed policy attached to the group is refused where the operation runs", async () => {
    write({ extra: "Deny" });
    const applied = await apply();
    expect(applied.stderr).toContain(
      `failed management/iam/managed-policy/platform-extra (update): refused: policy platform-extra is attached to group platform, which holds sandbox-admin, the IAM user these credentials belong to (${CALLER}): changing its document would change what orgctl may do; detach it from that group first`,
    );
    expect(applied.code).toBe(1);
    const iam = await clientIn(sandbox.emulator(), "iam", MGMT);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: EXTRA }))).Policy!.DefaultVersionId).toBe("v1");
  });

  it("adding a member still goes through", async () => {
    write({ members: "sandbox-admin, alice, bob" });
    const applied = await apply();
    expect(applied.stderr).not.toMatch(/refused|failed/);
    expect(applied.code).toBe(0);
    expect(await members()).toEqual(["alice", "bob", "sandbox-admin"]);
  });

  it("widening an inline policy goes through (only a rewrite that may narrow is refused)", async () => {
    write({ members: "sandbox-admin, alice, bob", notes: "s3:List*" });
    expect((await planJson(sandbox.emulator(), dir)).plan.conflicts).toEqual([]);
    const applied = await apply();
    expect(applied.stderr).not.toMatch(/refused|failed/);
    expect(applied.code).toBe(0);
    const iam = await clientIn(sandbox.emulator(), "iam", MGMT);
    const inline = await iam.send(new GetGroupPolicyCommand({ GroupName: "platform", PolicyName: "notes" }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0].Action).toEqual(["s3:List*"]);
  });

  it("a plan made with other credentials is refused by apply running as the user, before anything runs", () => {
    const group = (members: string[]) => ({ name: "platform", path: "/", inlinePolicies: {}, managedPolicies: [ADMIN], members });
    const change = handEdited({
      address: "management/iam/group/platform",
      account: "management",
      accountId: MGMT,
      service: "iam",
      type: "group",
      name: "platform",
      action: "update",
      before: group(["alice", "SANDBOX-ADMIN"]),
      after: group(["alice"]),
      destructive: true,
      dependsOn: [],
      reasons: [],
    });
    const roles = { accessRole: "OrganizationAccountAccessRole", callerArn: `arn:aws:iam::${MGMT}:user/people/sandbox-admin` };
    expect(lockoutReason(change, roles, KINDS)).toBe(
      `refused: management/iam/group/platform: group platform holds sandbox-admin, the IAM user these credentials belong to (arn:aws:iam::${MGMT}:user/people/sandbox-admin): the change would remove sandbox-admin from it, which could take away orgctl's own access; make it with other credentials`,
    );
    // The same user name in another account is another user; a role's credentials are no user.
    expect(lockoutReason(change, { ...roles, callerArn: "arn:aws:iam::999999999999:user/sandbox-admin" }, KINDS)).toBeUndefined();
    expect(lockoutReason(change, { ...roles, callerArn: `arn:aws:sts::${MGMT}:assumed-role/sandbox-admin/ci` }, KINDS)).toBeUndefined();
  });

  it("a hand-edited change that leaves the caller out of `before` is refused where it runs, with what IAM says", async () => {
    const clients = clientFactoryFor(sandbox.emulator());
    const run = operationRunner(
      {
        clients,
        managementAccountId: MGMT,
        wait: false,
        allowCloseAccounts: false,
        progress: () => {},
        createdRoles: new Set(),
        owner: "group-lockout-test",
        protectedRoles: { accessRole: "OrganizationAccountAccessRole", callerArn: CALLER },
      },
      KINDS,
    );
    const group = { name: "platform", path: "/", inlinePolicies: {}, managedPolicies: [], members: ["alice", "bob"] };
    const change = handEdited({
      address: "management/iam/group/platform",
      account: "management",
      accountId: MGMT,
      service: "iam",
      type: "group",
      name: "platform",
      action: "update",
      before: group,
      after: group,
      destructive: false,
      dependsOn: [],
      reasons: [],
    });
    await expect(run(change)).rejects.toThrow(
      `refused: group platform holds sandbox-admin, the IAM user these credentials belong to (${CALLER}): the change would remove sandbox-admin from it, detach ${EXTRA}, detach ${ADMIN}, detach ${READ}, delete inline policy notes, which could take away orgctl's own access; make it with other credentials`,
    );
    clients.destroy();
    expect(await members()).toEqual(["alice", "bob", "sandbox-admin"]);
    expect(await attached()).toEqual([EXTRA, ADMIN, READ]);
  });
});
