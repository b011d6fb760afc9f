// IAM identity as IAM has it: role names compare case-insensitively and a path does not
// make a reference another role. Each case below was a lockout or a silent rewrite.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import type { Plan } from "../src/engine/types.js";
import { MANAGED, OWNER, desired, live, liveAccount, liveRole, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const actions = (plan: Plan) => plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`);

describe("IAM identity in the plan", () => {
  it("a YAML role spelt in other case than the caller's role is refused, not created", () => {
    const plan = buildPlan(
      desired({ roles: [role("ORGCTL-APPLY", ["dev"])] }),
      live({ dev: liveAccount("222222222222", [liveRole("orgctl-apply", { tags: MANAGED })]) }),
      { ...opts, callerRoleArn: "arn:aws:sts::222222222222:assumed-role/orgctl-apply/run-1" },
    );
    expect(actions(plan)).toEqual([]);
    expect(plan.conflicts).toEqual([{ address: "dev/iam/role/ORGCTL-APPLY", message: "refused: would lock orgctl out: ORGCTL-APPLY is the role orgctl uses to reach this account" }]);
  });

  it("an access role configured with a path is protected by its name, adopt or not", () => {
    const plan = buildPlan(
      desired({ roles: [role("OrgAccess", ["dev"], { adopt: true })] }),
      live({ dev: liveAccount("222222222222", [liveRole("OrgAccess", { path: "/automation/" })]) }),
      { ...opts, accessRole: "automation/OrgAccess" },
    );
    expect(actions(plan)).toEqual([]);
    expect(plan.conflicts.map((c) => c.address)).toEqual(["dev/iam/role/OrgAccess"]);
  });

  it("an unmanaged role whose name differs only in case is in the way of a create", () => {
    const plan = buildPlan(desired({ roles: [role("new-reader", ["dev"])] }), live({ dev: liveAccount("222222222222", [liveRole("NEW-READER")]) }), opts);
    expect(actions(plan)).toEqual([]);
    expect(plan.conflicts).toEqual([{ address: "dev/iam/role/new-reader", message: "role new-reader exists in this account as NEW-READER (IAM role names ignore case): use that name in the YAML" }]);
  });

  it("a managed role spelt in other case is neither created twice nor pruned", () => {
    const plan = buildPlan(
      desired({ roles: [role("Deployer", ["dev"])], settings: { prune: true, region: "us-east-1", owner: OWNER } }),
      live({ dev: liveAccount("222222222222", [liveRole("deployer", { tags: MANAGED })]) }),
      opts,
    );
    expect(actions(plan)).toEqual([]);
    expect(plan.conflicts.map((c) => c.message)).toEqual(["role Deployer exists in this account as deployer (IAM role names ignore case): use that name in the YAML"]);
  });
});

describe("one resource, one change", () => {
  it("two roles whose names IAM compares as one are a conflict, and neither is planned", () => {
    // The loader refuses such YAML (config/references.ts); the engine holds the rule too, for whatever a kind emits.
    const plan = buildPlan(desired({ roles: [role("Reader", ["dev"]), role("READER", ["dev"])] }), live(), opts);
    expect(actions(plan)).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        address: "dev/iam/role/READER",
        message: "dev/iam/role/READER and dev/iam/role/Reader name one role (AWS compares these names as the same): keep one spelling in the YAML",
      },
    ]);
  });
});
