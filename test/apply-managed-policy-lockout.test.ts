// A customer managed policy orgctl manages can be attached, by hand, to the role orgctl
// reaches accounts through. Narrowing its document then narrows that role: the next plan
// could be denied. The lockout guard checks where the operation runs, whatever the plan
// says: a new document for a policy attached to the access role is refused, and nothing
// of the policy changes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AttachRolePolicyCommand, GetPolicyCommand } from "@aws-sdk/client-iam";
import { auditFile } from "./helpers/apply.js";
import { clientIn, orgctl, withExample } from "./helpers/example-sandbox.js";

const CONFIG = "222222222222";
const ARN = `arn:aws:iam::${CONFIG}:policy/apps/AppConfigRead`;
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-policy-lockout-"));
const yaml = (effect: string) => `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { owner: policy-lockout-test }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  config: { id: "${CONFIG}", email: aws+config@example.com }
policies:
  - name: AppConfigRead
    path: /apps/
    in: { accounts: [config] }
    document: { Version: "2012-10-17", Statement: [{ Effect: ${effect}, Action: "*", Resource: "*" }] }
`;
const write = (text: string) => writeFileSync(path.join(dir, "orgctl.yaml"), text);
write(yaml("Allow"));

describe("a managed policy attached to the access role", () => {
  const sandbox = withExample(dir);

  it("is not rewritten: apply refuses where the operation runs, and the policy keeps its document", async () => {
    const handle = sandbox.emulator();
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    const iam = await clientIn(handle, "iam", CONFIG);
    await iam.send(new AttachRolePolicyCommand({ RoleName: "OrganizationAccountAccessRole", PolicyArn: ARN }));

    write(yaml("Deny"));
    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).toContain(
      "failed config/iam/managed-policy/AppConfigRead (update): refused: policy AppConfigRead is attached to OrganizationAccountAccessRole, the role orgctl uses to reach accounts: changing its document would change what orgctl may do; detach it from that role first",
    );
    expect(applied.code).toBe(1);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: ARN }))).Policy!.DefaultVersionId).toBe("v1");
  });
});
