// A trust names its caller as the reader writes it: IAM names ignore case, so `cicd/Pipeline`
// is the role declared as `pipeline` (with its path), and the grant already treats it so.
// The trust's principal must be that role's real ARN (declared spelling and path): IAM
// rejects a principal ARN that names no existing role, so a literal `role/Pipeline` failed
// every create of the trusting role while the caller got its grant.
import { describe, expect, it } from "vitest";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { CICD, DEV, grantsOrg } from "./helpers/grants-org.js";
import { actions, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const dir = grantsOrg("spelling", `roles:
  - name: pipeline
    path: /ci/
    in: { accounts: [cicd] }
    trust: { services: [codebuild.amazonaws.com] }
  - name: deployer
    in: { accounts: [dev] }
    trust: { roles: ["cicd/Pipeline"], grant: true }
  - name: auditor
    in: { accounts: [dev] }
    trust: { roles: ["${CICD}/PIPELINE"] }
`);

describe("a trust naming its caller in another case", () => {
  const sandbox = withExample(dir);
  const principalOf = async (role: string) => {
    const iam = await clientIn(sandbox.emulator(), "iam", DEV);
    return JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: role }))).Role!.AssumeRolePolicyDocument!)).Statement[0].Principal;
  };

  it("trusts the declared role (its spelling and path), applies, and re-plans to zero", async () => {
    const handle = sandbox.emulator();
    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    expect(await principalOf("deployer")).toEqual({ AWS: [`arn:aws:iam::${CICD}:role/ci/pipeline`] });
    expect(await principalOf("auditor")).toEqual({ AWS: [`arn:aws:iam::${CICD}:role/ci/pipeline`] });
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });
});
