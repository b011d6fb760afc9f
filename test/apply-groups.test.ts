// IAM groups end to end, as the landing-zone setup uses them: people in the management
// account get groups whose policies let them assume the administrator roles (named by
// reference, no wildcard). Members are existing users; orgctl never creates users. A
// removed member is a destructive update; an unknown user is a conflict.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetGroupCommand, GetGroupPolicyCommand, ListAttachedGroupPoliciesCommand } from "@aws-sdk/client-iam";
import type { IamSnapshot } from "../src/emulator/iam/snapshot.js";
import { auditFile } from "./helpers/apply.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";
import { words } from "./fixtures/reasons.js";

const MGMT = "111111111111";
const DEV = "222222222222";
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-groups-"));
const write = (members: string) =>
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "${MGMT}", accessRole: OrganizationAccountAccessRole }
accounts:
  management: { id: "${MGMT}", email: aws+mgmt@example.com }
  development: { id: "${DEV}", email: aws+dev@example.com }
roles:
  - name: administrator
    in: { accounts: [development] }
    trust: { accounts: [management], requireMfa: true }
    managedPolicies: [AdministratorAccess]
groups:
  - name: development_administrator
    in: { accounts: [management] }
    members: [${members}]
    managedPolicies: [ReadOnlyAccess]
    inlinePolicies:
      assume-administrator:
        Version: "2012-10-17"
        Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: "\${role:development/administrator}" }]
`,
  );
write("alice, BOB");

describe("IAM groups", () => {
  const sandbox = withExample(dir, (snapshot) => {
    const iam = snapshot.iam as IamSnapshot;
    iam.accounts[MGMT]!.users!.push({ UserName: "alice" }, { UserName: "bob" });
  });

  it("creates the group with its policies and existing users as members, then plans to zero", async () => {
    const handle = sandbox.emulator();
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["create development/iam/role/administrator", "create management/iam/group/development_administrator"]);
    expect(changeAt(plan, "management/iam/group/development_administrator").after).toMatchObject({
      members: ["alice", "bob"],
      inlinePolicies: { "assume-administrator": { Statement: [{ Resource: [`arn:aws:iam::${DEV}:role/administrator`] }] } },
    });
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", MGMT);
    const group = await iam.send(new GetGroupCommand({ GroupName: "development_administrator" }));
    expect(group.Users!.map((u) => u.UserName).sort()).toEqual(["alice", "bob"]);
    const inline = await iam.send(new GetGroupPolicyCommand({ GroupName: "development_administrator", PolicyName: "assume-administrator" }));
    expect(JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0].Resource).toEqual([`arn:aws:iam::${DEV}:role/administrator`]);
    expect((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: "development_administrator" }))).AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it("removing a member is a destructive update; a user that does not exist is a conflict", async () => {
    const handle = sandbox.emulator();
    write("alice");
    const { plan } = await planJson(handle, dir);
    const change = changeAt(plan, "management/iam/group/development_administrator");
    expect(words(change)).toEqual(["member bob (remove)"]);
    expect(change.destructive).toBe(true);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);

    write("alice, carol");
    const broken = await planJson(handle, dir);
    expect(broken.plan.conflicts).toEqual([
      { address: "management/iam/group/development_administrator", message: "user carol does not exist in account management: orgctl adds existing users to groups, it never creates users" },
    ]);
    expect(broken.code).toBe(1);
  });
});
