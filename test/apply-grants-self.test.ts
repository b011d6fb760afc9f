// A role that trusts itself (a role assuming itself needs its own ARN in its trust since
// 2022) with `grant: true` gets both sides on itself. IAM rejects a principal that does not
// exist yet, so the create cannot carry its own ARN: it is created with the trust it can
// have now and completed by a follow-up, as for two roles that trust each other.
import { describe, expect, it } from "vitest";
import { GetRoleCommand, GetRolePolicyCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { DEV, grantsOrg } from "./helpers/grants-org.js";
import { actions, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const dir = grantsOrg("self", `roles:
  - name: worker
    in: { accounts: [dev] }
    trust: { roles: [dev/worker], grant: true }
`, ["dev"]);

describe("a role that trusts itself with a grant", () => {
  const sandbox = withExample(dir);

  it("is created, then its trust completed; it may assume itself; re-plans to zero", async () => {
    const handle = sandbox.emulator();
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["create dev/iam/role/worker", "update dev/iam/role-trust/worker"]);
    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    const iam = await clientIn(handle, "iam", DEV);
    const trust = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: "worker" }))).Role!.AssumeRolePolicyDocument!));
    expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { AWS: [`arn:aws:iam::${DEV}:role/worker`] }, Action: ["sts:AssumeRole"] }]);
    const grant = JSON.parse(decodeURIComponent((await iam.send(new GetRolePolicyCommand({ RoleName: "worker", PolicyName: "orgctl-grants" }))).PolicyDocument!));
    expect(grant.Statement).toEqual([{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [`arn:aws:iam::${DEV}:role/worker`] }]);
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });
});
