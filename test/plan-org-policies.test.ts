// Organization policies through the CLI beyond the example: replacing FullAWSAccess on a unit
// (apply attaches the allow-list before detaching FullAWSAccess, as AWS requires a target to
// keep one SCP), hand edits shown as drift (content semantically, a detached policy as an
// attachment to make), a hand reordering that changes nothing shown as nothing, and a
// guardrail that would lock orgctl out refused before anything runs.
import { describe, expect, it } from "vitest";
import { DetachPolicyCommand, ListPoliciesCommand, ListTargetsForPolicyCommand, UpdatePolicyCommand, type OrganizationsClient } from "@aws-sdk/client-organizations";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import type { Snapshot } from "../src/emulator/types.js";
import { fixture } from "./config-fixture.js";
import { clientFor } from "./helpers/emulator.js";
import { orgctl } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const YAML = (policies: string) => `settings: { owner: policies-test }
organization:
  managementAccount: "111111111111"
  accessRole: OrganizationAccountAccessRole
  units: { Sandbox: {}, Prod: {} }
${policies}
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  sandbox: { id: "222222222222", email: aws+sandbox@example.com, unit: Sandbox }
  prod: { id: "333333333333", email: aws+prod@example.com, unit: Prod }
`;
const POLICIES = `  fullAWSAccess: { detachFrom: { units: [Sandbox] } }
  policies:
    sandbox-allow-list:
      type: SERVICE_CONTROL_POLICY
      content: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: ["iam:*", "sts:*", "appconfig:*", "s3:*"], Resource: "*" }] }
      targets: { units: [Sandbox] }
    deny-leaving:
      type: SERVICE_CONTROL_POLICY
      content: { Version: "2012-10-17", Statement: [{ Sid: Stay, Effect: Deny, Action: ["organizations:LeaveOrganization", "account:CloseAccount"], Resource: "*" }] }
      targets: { root: true }`;
const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: "111111111111",
    units: [{ path: "Sandbox" }, { path: "Prod" }],
    accounts: [
      { id: "222222222222", name: "sandbox", email: "aws+sandbox@example.com", unit: "Sandbox" },
      { id: "333333333333", name: "prod", email: "aws+prod@example.com", unit: "Prod" },
    ],
  },
};

async function policyId(orgs: OrganizationsClient, name: string): Promise<string> {
  return (await orgs.send(new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }))).Policies!.find((p) => p.Name === name)!.Id!;
}

describe("organization policies: replace FullAWSAccess, drift, lockout", () => {
  it("applies a FullAWSAccess replacement in AWS's order and re-plans to nothing; hand edits show as drift", async () => {
    const dir = await fixture({ "orgctl.yaml": YAML(POLICIES) });
    const handle: EmulatorHandle = await startEmulator({ snapshot });
    try {
      const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
      expect(applied.stderr).not.toMatch(/^failed /m);
      expect(applied.code).toBe(0);
      const orgs = clientFor(handle, "organizations");
      const sandboxUnit = (await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: await policyId(orgs, "sandbox-allow-list") }))).Targets!.map((t) => t.Name);
      expect(sandboxUnit).toEqual(["Sandbox"]);
      expect((await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess" }))).Targets!.map((t) => t.Name).sort()).toEqual(["Management", "Prod", "Root", "prod", "sandbox"]);
      expect((await orgctl(handle, "plan", dir)).code).toBe(0);

      // A reordering by hand is the same policy: nothing to do.
      const leave = await policyId(orgs, "deny-leaving");
      await orgs.send(new UpdatePolicyCommand({ PolicyId: leave, Content: JSON.stringify({ Statement: [{ Resource: ["*"], Action: ["account:CloseAccount", "organizations:LeaveOrganization"], Effect: "Deny", Sid: "Stay" }], Version: "2012-10-17" }) }));
      expect((await orgctl(handle, "plan", dir)).code).toBe(0);

      // A real edit and a detach by hand are drift.
      await orgs.send(new UpdatePolicyCommand({ PolicyId: leave, Content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "Stay", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" }] }) }));
      await orgs.send(new DetachPolicyCommand({ PolicyId: leave, TargetId: (await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: leave }))).Targets![0]!.TargetId! }));
      const drift = await orgctl(handle, "plan", dir);
      expect(drift.code).toBe(2);
      const heads = drift.stdout.split("\n").filter((l) => /^\s+[+~-] management\//.test(l)).map((l) => l.trim());
      expect(heads).toEqual([
        "+ management/organizations/org-policy-attachment/SERVICE_CONTROL_POLICY/deny-leaving@Root (create)",
        "~ management/organizations/org-policy/SERVICE_CONTROL_POLICY/deny-leaving (update)",
      ]);
      expect(drift.stdout).toContain('"account:CloseAccount"');
      const again = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
      expect(again.code).toBe(0);
      expect((await orgctl(handle, "plan", dir)).code).toBe(0);
    } finally {
      await handle.stop();
    }
  });

  it("refuses at validate a guardrail that denies the access role what orgctl needs, naming the statement", async () => {
    const dir = await fixture({
      "orgctl.yaml": YAML(`  policies:
    deny-role:
      type: SERVICE_CONTROL_POLICY
      content:
        Version: "2012-10-17"
        Statement:
          - Sid: NoAdminRole
            Effect: Deny
            Action: "*"
            Resource: "*"
            Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } }
      targets: { units: [Prod] }`),
    });
    const handle = await startEmulator({ snapshot });
    try {
      const plan = await orgctl(handle, "plan", dir);
      expect(plan.code).toBe(1);
      expect(plan.stderr).toContain(
        "orgctl.yaml:12:13: organization.policies.deny-role.content.Statement[0]: orgctl would be locked out of account prod: iam:GetAccountAuthorizationDetails on * is denied by statement 0 (Sid NoAdminRole) of SCP deny-role attached to Prod",
      );
    } finally {
      await handle.stop();
    }
  });
});
