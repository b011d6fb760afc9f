// IAM inline policy names ignore case: a live ORGCTL-GRANTS put by hand on a caller is the
// grants policy itself (PutRolePolicy with orgctl-grants replaces it, keeping its stored
// spelling). The plan must put the grant back over it, and the apply must leave the grant
// in place: never "add orgctl-grants" then "remove ORGCTL-GRANTS", which deletes the grant.
import { describe, expect, it } from "vitest";
import { DeleteRolePolicyCommand, GetRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { CICD, DEV, grantsOrg } from "./helpers/grants-org.js";
import { actions, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const dir = grantsOrg("policy-case", `roles:
  - name: pipeline
    in: { accounts: [cicd] }
    trust: { services: [codebuild.amazonaws.com] }
  - name: deployer
    in: { accounts: [dev] }
    trust: { roles: [cicd/pipeline], grant: true }
`);

describe("a hand-made ORGCTL-GRANTS on a caller", () => {
  const sandbox = withExample(dir);

  it("is the grants policy: the plan puts the grant back, the apply keeps it, re-plans to zero", async () => {
    const handle = sandbox.emulator();
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", CICD);
    const wide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "pipeline", PolicyName: "orgctl-grants" }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "pipeline", PolicyName: "ORGCTL-GRANTS", PolicyDocument: JSON.stringify(wide) }));

    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["update cicd/iam/role/pipeline"]);
    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: "pipeline" }))).PolicyNames ?? [];
    expect(names.map((n) => n.toLowerCase())).toEqual(["orgctl-grants"]);
    const doc = JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: "pipeline", PolicyName: "orgctl-grants" }))).PolicyDocument!));
    expect(doc.Statement).toEqual([{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [`arn:aws:iam::${DEV}:role/deployer`] }]);
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });
});
