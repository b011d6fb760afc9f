// A grant to an IAM group: IAM cannot name a group as a principal, so the role trusts the
// group's account (with the trust's MFA condition) and the group alone gets sts:AssumeRole
// on exactly that role in each account it is deployed to, from the one trust declaration.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetGroupPolicyCommand, GetRoleCommand, ListGroupPoliciesCommand } from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { auditFile } from "./helpers/apply.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";
import { words } from "./fixtures/reasons.js";
import { DEV, MANAGEMENT, PROD, grantsYaml } from "./helpers/grants-org.js";

const dir = mkdtempSync(path.join(tmpdir(), "orgctl-grant-groups-"));
const write = (trust: string) =>
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    grantsYaml(
      `roles:
  - name: administrator
    in: { accounts: [dev, prod] }
    trust: ${trust}
    managedPolicies: [AdministratorAccess]
groups:
  - name: admins
    in: { accounts: [management] }
    members: []
`,
      ["dev", "prod"],
    ),
  );
write("{ groups: [management/admins], requireMfa: true, grant: true }");

const PLAN = `Account management (${MANAGEMENT})
  + management/iam/group/admins (create)
      grant: may assume administrator in 2 accounts (trust with grant: true)
      + name                         = "admins"
      + path                         = "/"
      + inlinePolicies.orgctl-grants = {
      +   "Version": "2012-10-17",
      +   "Statement": [
      +     {
      +       "Effect": "Allow",
      +       "Action": "sts:AssumeRole",
      +       "Resource": [
      +         "arn:aws:iam::${DEV}:role/administrator",
      +         "arn:aws:iam::${PROD}:role/administrator"
      +       ]
      +     }
      +   ]
      + }

Account dev (${DEV})
  + dev/iam/role/administrator (create)
      + name               = "administrator"
      + path               = "/"
      + assumeRolePolicy   = {
      +   "Version": "2012-10-17",
      +   "Statement": [
      +     {
      +       "Effect": "Allow",
      +       "Principal": {"AWS": "arn:aws:iam::${MANAGEMENT}:root"},
      +       "Action": "sts:AssumeRole",
      +       "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
      +     }
      +   ]
      + }
      + managedPolicies    = ["arn:aws:iam::aws:policy/AdministratorAccess"]
      + maxSessionDuration = 3600
      + tags               = {"orgctl:managed": "acme/infra"}

Account prod (${PROD})
  + prod/iam/role/administrator (create)
      + name               = "administrator"
      + path               = "/"
      + assumeRolePolicy   = {
      +   "Version": "2012-10-17",
      +   "Statement": [
      +     {
      +       "Effect": "Allow",
      +       "Principal": {"AWS": "arn:aws:iam::${MANAGEMENT}:root"},
      +       "Action": "sts:AssumeRole",
      +       "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
      +     }
      +   ]
      + }
      + managedPolicies    = ["arn:aws:iam::aws:policy/AdministratorAccess"]
      + maxSessionDuration = 3600
      + tags               = {"orgctl:managed": "acme/infra"}

Plan: 3 to create.
  management: 1 to create
  dev: 1 to create
  prod: 1 to create
`;

describe("grant to a group", () => {
  const sandbox = withExample(dir);
  const groupPolicies = async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", MANAGEMENT);
    const names = (await iam.send(new ListGroupPoliciesCommand({ GroupName: "admins" }))).PolicyNames;
    if (!names?.includes("orgctl-grants")) return { names, statements: undefined };
    const doc = (await iam.send(new GetGroupPolicyCommand({ GroupName: "admins", PolicyName: "orgctl-grants" }))).PolicyDocument!;
    return { names, statements: JSON.parse(decodeURIComponent(doc)).Statement };
  };

  it("trusts the group's account with MFA, grants the group alone, applies and re-plans to zero", async () => {
    const handle = sandbox.emulator();
    const text = await orgctl(handle, "plan", dir);
    expect(text.stdout).toBe(PLAN);
    expect(text.code).toBe(2);
    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    expect(await groupPolicies()).toEqual({
      names: ["orgctl-grants"],
      statements: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [`arn:aws:iam::${DEV}:role/administrator`, `arn:aws:iam::${PROD}:role/administrator`] }],
    });
    const iam = await clientIn(handle, "iam", PROD);
    const trust = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: "administrator" }))).Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement).toEqual([
      { Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${MANAGEMENT}:root`] }, Action: ["sts:AssumeRole"], Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } },
    ]);
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it("import writes the group's grant back as groups: [...] with grant: true, never the reserved policy, and plans only adopts", async () => {
    const handle = sandbox.emulator();
    const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-grant-groups-import-")), "imported");
    const imported = await orgctl(handle, "import", "--out", out);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const { state, errors } = await loadDesiredState(out);
    expect(errors).toEqual([]);
    expect(state!.groups.map((g) => [g.name, g.inlinePolicies])).toEqual([["admins", {}]]);
    expect(state!.roles.filter((r) => r.name === "administrator").map((r) => [[...r.targets.accounts].sort(), r.trust])).toEqual([
      [["dev", "prod"], { accounts: [], roles: [], groups: ["management/admins"], services: [], requireMfa: true, grant: true }],
    ]);
    const { plan } = await planJson(handle, out);
    expect(actions(plan)).toEqual(["adopt dev/iam/role/administrator", "adopt prod/iam/role/administrator"]);
  });

  it("trusting the account instead of the group removes the group's grant; the trust stays as it was", async () => {
    const handle = sandbox.emulator();
    write("{ accounts: [management], requireMfa: true }");
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["update management/iam/group/admins"]);
    expect(words(changeAt(plan, "management/iam/group/admins"))).toEqual(["inline policy orgctl-grants (remove)"]);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect(await groupPolicies()).toEqual({ names: [], statements: undefined });
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });
});
