// The security baseline through the CLI against the sandbox: the plan shows the policy
// types, policies, attachments, trusted access and delegated administrator; apply makes
// them; the next plan is empty; and the sandbox then denies what the guardrail denies.
import { describe, expect, it } from "vitest";
import { CreateUserCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { clientFor } from "./helpers/emulator.js";
import { orgctl } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const EXAMPLE = "examples/6-security-baseline";

async function sandbox(): Promise<EmulatorHandle> {
  const loaded = await loadDesiredState(EXAMPLE);
  return startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
}

describe("security baseline through orgctl", () => {
  it("plans, applies, re-plans to nothing, and the sandbox denies CreateUser in the sandbox account", async () => {
    const handle = await sandbox();
    try {
      const plan = await orgctl(handle, "plan", EXAMPLE);
      // 2: the plan has changes.
      expect(plan.code).toBe(2);
      const lines = plan.stdout.split("\n").filter((l) => /^\s+[+~-] management\/organizations\/(policy-type|org-policy|trusted|delegated)/.test(l)).map((l) => l.trim().replace(/ \(create\)$/, ""));
      expect(lines.sort()).toEqual([
        "+ management/organizations/policy-type/SERVICE_CONTROL_POLICY",
        "+ management/organizations/policy-type/TAG_POLICY",
        "+ management/organizations/org-policy/SERVICE_CONTROL_POLICY/deny-leaving-organization",
        "+ management/organizations/org-policy/SERVICE_CONTROL_POLICY/protect-cloudtrail",
        "+ management/organizations/org-policy/SERVICE_CONTROL_POLICY/region-restriction",
        "+ management/organizations/org-policy/SERVICE_CONTROL_POLICY/sandbox-no-iam-users",
        "+ management/organizations/org-policy/TAG_POLICY/cost-center-tags",
        "+ management/organizations/org-policy-attachment/SERVICE_CONTROL_POLICY/deny-leaving-organization@Root",
        "+ management/organizations/org-policy-attachment/SERVICE_CONTROL_POLICY/protect-cloudtrail@Workloads",
        "+ management/organizations/org-policy-attachment/SERVICE_CONTROL_POLICY/region-restriction@Workloads",
        "+ management/organizations/org-policy-attachment/SERVICE_CONTROL_POLICY/sandbox-no-iam-users@Workloads/Sandbox",
        "+ management/organizations/org-policy-attachment/TAG_POLICY/cost-center-tags@Workloads",
        "+ management/organizations/trusted-service/guardduty.amazonaws.com",
        "+ management/organizations/delegated-admin/guardduty.amazonaws.com@security",
      ].sort());
      const applied = await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile());
      expect(applied.stderr).not.toMatch(/^failed /m);
      expect(applied.code).toBe(0);
      const replanned = await orgctl(handle, "plan", EXAMPLE);
      expect(replanned.stdout).not.toMatch(/^\s+[+~-] /m);
      expect(replanned.code).toBe(0);

      const sandboxId = "444444444444";
      const out = await clientFor(handle, "sts").send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${sandboxId}:role/OrganizationAccountAccessRole`, RoleSessionName: "try-it" }));
      const c = out.Credentials!;
      const iam = clientFor(handle, "iam", { credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1 });
      await expect(iam.send(new CreateUserCommand({ UserName: "bob" }))).rejects.toMatchObject({
        name: "AccessDenied",
        message: expect.stringContaining(`is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${sandboxId}:user/bob with an explicit deny in a service control policy: arn:aws:organizations::111111111111:policy/`),
      });
    } finally {
      await handle.stop();
    }
  });
});
