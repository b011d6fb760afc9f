// Customer managed policies end to end: declared once for two accounts, attached to a role
// by name, applied and re-planned to zero; a hand edit of the document shows as drift; each
// update is a new default version and IAM's limit of five is kept by deleting the oldest;
// removing the policy detaches it first and then deletes it.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CreatePolicyVersionCommand, ListAttachedRolePoliciesCommand, ListPolicyVersionsCommand, GetPolicyCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const CONFIG = "222222222222";
const APP = "333333333333";
const ARN = (id: string) => `arn:aws:iam::${id}:policy/apps/AppConfigRead`;
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-policies-"));
const yaml = (action: string, withPolicy = true) => `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { prune: true }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  config: { id: "${CONFIG}", email: aws+config@example.com }
  app: { id: "${APP}", email: aws+app@example.com }
${withPolicy ? `policies:
  - name: AppConfigRead
    path: /apps/
    in: { accounts: [config, app] }
    document: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "${action}", Resource: "*" }] }
` : ""}roles:
  - name: Reader
    in: { accounts: [config, app] }
    trust: { accounts: [management] }
    managedPolicies: [${withPolicy ? "AppConfigRead, " : ""}ReadOnlyAccess]
`;
const write = (text: string) => writeFileSync(path.join(dir, "orgctl.yaml"), text);
write(yaml("appconfig:GetLatestConfiguration"));

describe("customer managed policies", () => {
  const sandbox = withExample(dir);

  it("creates the policy in both accounts before the roles that attach it by name, then plans to zero", async () => {
    const handle = sandbox.emulator();
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual([
      "create app/iam/managed-policy/AppConfigRead",
      "create app/iam/role/Reader",
      "create config/iam/managed-policy/AppConfigRead",
      "create config/iam/role/Reader",
    ]);
    expect(changeAt(plan, "config/iam/role/Reader").dependsOn).toEqual(["config/iam/managed-policy/AppConfigRead"]);
    expect(changeAt(plan, "config/iam/role/Reader").after).toMatchObject({ managedPolicies: [ARN(CONFIG), "arn:aws:iam::aws:policy/ReadOnlyAccess"] });

    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
    const iam = await clientIn(handle, "iam", APP);
    const attached = (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "Reader" }))).AttachedPolicies!.map((p) => p.PolicyArn);
    expect(attached.sort()).toEqual([ARN(APP), "arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    const replanned = await planJson(handle, dir);
    expect(actions(replanned.plan)).toEqual([]);
    expect(replanned.code).toBe(0);
  });

  it("a hand edit of the document is drift: the plan restores it (the version that holds it becomes default again), marked destructive since it takes access away", async () => {
    const handle = sandbox.emulator();
    const iam = await clientIn(handle, "iam", CONFIG);
    const wide = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    await iam.send(new CreatePolicyVersionCommand({ PolicyArn: ARN(CONFIG), PolicyDocument: wide, SetAsDefault: true }));
    const { plan, code } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["update config/iam/managed-policy/AppConfigRead"]);
    expect(changeAt(plan, "config/iam/managed-policy/AppConfigRead").destructive).toBe(true);
    expect(code).toBe(2);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: ARN(CONFIG) }))).Policy!.DefaultVersionId).toBe("v1");
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });

  it("each update is a new default version; at IAM's five the oldest non-default one is deleted first", async () => {
    const handle = sandbox.emulator();
    // v1 (the original) and v2 (the hand edit) exist: v3, v4, v5, then v6 in place of the oldest, v1.
    for (const action of ["appconfig:GetConfiguration", "appconfig:ListApplications", "appconfig:GetApplication", "appconfig:ListEnvironments"]) {
      write(yaml(action));
      expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    }
    const iam = await clientIn(handle, "iam", CONFIG);
    const versions = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: ARN(CONFIG) }))).Versions!;
    expect(versions.map((v) => [v.VersionId, v.IsDefaultVersion])).toEqual([["v6", true], ["v5", false], ["v4", false], ["v3", false], ["v2", false]]);
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });

  it("removing the policy detaches it from the role first, then deletes it", async () => {
    const handle = sandbox.emulator();
    write(yaml("", false));
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual([
      "delete app/iam/managed-policy/AppConfigRead",
      "delete config/iam/managed-policy/AppConfigRead",
      "update app/iam/role/Reader",
      "update config/iam/role/Reader",
    ]);
    expect(changeAt(plan, "config/iam/managed-policy/AppConfigRead").dependsOn).toEqual(["config/iam/role/Reader"]);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", CONFIG);
    await expect(iam.send(new GetPolicyCommand({ PolicyArn: ARN(CONFIG) }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });
});
