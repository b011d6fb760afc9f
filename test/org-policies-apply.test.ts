// The security baseline end to end against the emulator, through the SDK: the diff of the
// example's policies against an organization that has its units and accounts, applied in the
// order the diff gives (AWS's min/max attachment rules hold at every step), re-planned to
// nothing; hand edits show as drift; and the guardrail works: CreateUser in the sandbox
// account is denied by the example's SCP.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateUserCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { DetachPolicyCommand, UpdatePolicyCommand } from "@aws-sdk/client-organizations";
import { loadDesiredState } from "../src/config/index.js";
import { AdaptivePool } from "../src/aws/concurrency.js";
import { diffOrgPolicies, type OrgPolicyOp } from "../src/model/org-policy/diff.js";
import { desiredPolicyTypes } from "../src/model/org-policy/spec.js";
import type { DesiredState } from "../src/model/types.js";
import { applyOrgPolicyOps } from "../src/kinds/organizations/policies/apply.js";
import { readOrganization } from "../src/kinds/organizations/read.js";
import { readOrgPolicies } from "../src/kinds/organizations/policies/read.js";
import { clientFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/types.js";

const EXAMPLE = "examples/6-security-baseline";
let desired: DesiredState;

function snapshotOf(state: DesiredState): Snapshot {
  return {
    formatVersion: 1,
    organizations: {
      managementAccountId: state.organization!.managementAccount,
      units: state.organization!.units.map((u) => ({ path: u.path })),
      accounts: state.accounts.map((a) => ({ id: a.id, name: a.name, email: a.email, ...(a.unit ? { unit: a.unit } : {}) })),
    },
  };
}

async function plan(emu: EmulatorHandle): Promise<{ ops: OrgPolicyOp[]; rootId: string }> {
  const client = clientFor(emu, "organizations");
  const pool = new AdaptivePool(4);
  const spec = desired.organization!.policies!;
  const org = await readOrganization(client, { unitPaths: new Set(), accountIds: new Set(), accountEmails: new Set() }, pool);
  const live = await readOrgPolicies(client, pool, desiredPolicyTypes(spec));
  const ids = {
    rootId: org.rootId,
    unitId: (path: string) => org.units.find((u) => u.path === path)?.id,
    accountId: (key: string) => desired.accounts.find((a) => a.key === key)?.id,
  };
  return { ops: diffOrgPolicies(desired, spec, live, ids, { owner: desired.settings.owner, prune: true }), rootId: org.rootId };
}

const summary = (ops: OrgPolicyOp[]) => ops.map((o) => ("target" in o ? `${o.op} ${o.name} @ ${o.target}` : "name" in o ? `${o.op} ${o.name}` : "type" in o ? `${o.op} ${o.type}` : `${o.op} ${o.servicePrincipal}`));

beforeAll(async () => {
  desired = (await loadDesiredState(EXAMPLE)).state!;
});

describe("security baseline: plan, apply, re-plan, drift, enforcement", () => {
  let handle: EmulatorHandle | undefined;
  const emu = () => handle!;
  beforeAll(async () => {
    const { startEmulator } = await import("../src/emulator/index.js");
    handle = await startEmulator({ snapshot: snapshotOf((await loadDesiredState(EXAMPLE)).state!) });
    return () => handle?.stop();
  });

  it("plans the types, the policies, their attachments, trusted access and the delegated administrator", async () => {
    const { ops } = await plan(emu());
    expect(summary(ops)).toEqual([
      "enable-type SERVICE_CONTROL_POLICY",
      "enable-type TAG_POLICY",
      "create-policy deny-leaving-organization",
      "create-policy protect-cloudtrail",
      "create-policy region-restriction",
      "create-policy sandbox-no-iam-users",
      "create-policy cost-center-tags",
      "attach deny-leaving-organization @ Root",
      "attach protect-cloudtrail @ Workloads",
      "attach region-restriction @ Workloads",
      "attach sandbox-no-iam-users @ Workloads/Sandbox",
      "attach cost-center-tags @ Workloads",
      "enable-service guardduty.amazonaws.com",
      "register-admin guardduty.amazonaws.com",
    ]);
  });

  it("applies in dependency order, then re-plans to nothing", async () => {
    const { ops, rootId } = await plan(emu());
    await applyOrgPolicyOps(clientFor(emu(), "organizations"), rootId, ops);
    expect(summary((await plan(emu())).ops)).toEqual([]);
  });

  it("the sandbox guardrail denies CreateUser in the sandbox account, naming the SCP", async () => {
    const sandbox = desired.accounts.find((a) => a.key === "sandbox")!.id!;
    const out = await clientFor(emu(), "sts").send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${sandbox}:role/OrganizationAccountAccessRole`, RoleSessionName: "try" }));
    const c = out.Credentials!;
    const iam = clientFor(emu(), "iam", { credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1 });
    await expect(iam.send(new CreateUserCommand({ UserName: "bob" }))).rejects.toMatchObject({
      name: "AccessDenied",
      message: expect.stringMatching(new RegExp(`^User: arn:aws:sts::${sandbox}:assumed-role/OrganizationAccountAccessRole/try is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${sandbox}:user/bob with an explicit deny in a service control policy: arn:aws:organizations::111111111111:policy/o-[a-z0-9]+/service_control_policy/p-[a-z0-9]+$`)),
    });
  });

  it("a policy detached or edited by hand shows as drift, and applying it converges again", async () => {
    const client = clientFor(emu(), "organizations");
    const { ops: none } = await plan(emu());
    expect(none).toEqual([]);
    const live = await readOrgPolicies(client, new AdaptivePool(2));
    const region = live.policies.find((p) => p.name === "region-restriction")!;
    const leave = live.policies.find((p) => p.name === "deny-leaving-organization")!;
    await client.send(new DetachPolicyCommand({ PolicyId: region.id, TargetId: region.targets[0]! }));
    await client.send(new UpdatePolicyCommand({ PolicyId: leave.id, Content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "organizations:*", Resource: "*" }] }) }));
    const { ops, rootId } = await plan(emu());
    expect(summary(ops)).toEqual(["update-policy deny-leaving-organization", "attach region-restriction @ Workloads"]);
    await applyOrgPolicyOps(client, rootId, ops);
    expect((await plan(emu())).ops).toEqual([]);
  });
});

describe("replacing FullAWSAccess on a unit with an allow-list", () => {
  it("attaches the allow-list before detaching FullAWSAccess (a target keeps one SCP), then re-plans to nothing", async () => {
    const { fixture } = await import("./config-fixture.js");
    const dir = await fixture({
      "orgctl.yaml": `settings: { owner: replace-test }
organization:
  managementAccount: "111111111111"
  accessRole: OrganizationAccountAccessRole
  units: { Sandbox: {} }
  fullAWSAccess: { detachFrom: { units: [Sandbox] } }
  policies:
    sandbox-allow-list:
      type: SERVICE_CONTROL_POLICY
      content: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: ["iam:*", "sts:*", "appconfig:*", "s3:*"], Resource: "*" }] }
      targets: { units: [Sandbox] }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  sandbox: { id: "222222222222", email: aws+sandbox@example.com, unit: Sandbox }
`,
    });
    const loaded = await loadDesiredState("orgctl.yaml", { cwd: dir });
    expect(loaded.errors).toEqual([]);
    desired = loaded.state!;
    const { startEmulator } = await import("../src/emulator/index.js");
    const handle = await startEmulator({ snapshot: snapshotOf(desired) });
    try {
      const first = await plan(handle);
      expect(summary(first.ops)).toEqual(["enable-type SERVICE_CONTROL_POLICY", "create-policy sandbox-allow-list", "detach FullAWSAccess @ Sandbox", "attach sandbox-allow-list @ Sandbox"]);
      const detach = first.ops.find((o) => o.op === "detach")!;
      expect(detach.needs).toEqual([first.ops.find((o) => o.op === "attach")!.key]);
      await applyOrgPolicyOps(clientFor(handle, "organizations"), first.rootId, first.ops);
      expect((await plan(handle)).ops).toEqual([]);
    } finally {
      await handle.stop();
    }
  });
});
