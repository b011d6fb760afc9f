import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import type { Change, Plan } from "../src/engine/types.js";
import { account, desired, live, role } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const trust = (roles: string[], accounts: string[] = []) => ({ trust: { accounts, roles, services: [], requireMfa: false } });
const at = (plan: Plan, address: string): Change => {
  const change = plan.changes.find((c) => c.address === address);
  if (!change) throw new Error(`no change at ${address}: ${plan.changes.map((c) => c.address).join(", ")}`);
  return change;
};
const position = (plan: Plan, address: string) => plan.changes.findIndex((c) => c.address === address);
const trustOf = (change: Change) => (change.after as { assumeRolePolicy: unknown }).assumeRolePolicy;

describe("roles whose trust policies name each other", () => {
  it("across accounts: one role is created with a trust that grants nothing, then completed after the other exists", () => {
    const state = desired({
      roles: [role("hub", ["management"], trust(["dev/spoke"])), role("spoke", ["dev"], trust(["management/hub"]))],
    });
    const plan = buildPlan(state, live(), opts);

    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      "create dev/iam/role/spoke",
      "create management/iam/role/hub",
      "update dev/iam/role-trust/spoke",
    ]);
    const spoke = at(plan, "dev/iam/role/spoke");
    expect(spoke.dependsOn).toEqual([]);
    expect(words(spoke)).toEqual(["trust completed after management/iam/role/hub exists"]);
    // Nothing but hub was trusted: until hub exists, an explicit Deny of spoke's own account.
    expect(trustOf(spoke)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Deny", Principal: { AWS: ["arn:aws:iam::222222222222:root"] }, Action: ["sts:AssumeRole"] }],
    });
    expect(at(plan, "management/iam/role/hub").dependsOn).toEqual(["dev/iam/role/spoke"]);

    const completion = at(plan, "dev/iam/role-trust/spoke");
    expect(completion.dependsOn).toEqual(["dev/iam/role/spoke", "management/iam/role/hub"]);
    expect(completion.destructive).toBe(false);
    expect(trustOf(completion)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111111111111:role/hub"] }, Action: ["sts:AssumeRole"] }],
    });
    expect(completion.patch).toContainEqual(expect.objectContaining({ op: "replace", path: "/assumeRolePolicy/Statement/0/Effect", value: "Allow" }));
  });

  it("within one account: the other principals stay in the first trust", () => {
    const state = desired({
      roles: [role("a", ["dev"], trust(["dev/b"], ["management"])), role("b", ["dev"], trust(["dev/a"]))],
    });
    const plan = buildPlan(state, live(), opts);

    const a = at(plan, "dev/iam/role/a");
    expect(words(a)).toEqual(["trust completed after dev/iam/role/b exists"]);
    expect(trustOf(a)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::111111111111:root"] }, Action: ["sts:AssumeRole"] }],
    });
    expect(at(plan, "dev/iam/role/b").dependsOn).toEqual(["dev/iam/role/a"]);
    const completion = at(plan, "dev/iam/role-trust/a");
    expect((trustOf(completion) as { Statement: { Principal: unknown }[] }).Statement[0]!.Principal).toEqual({
      AWS: ["arn:aws:iam::111111111111:root", "arn:aws:iam::222222222222:role/b"],
    });
    expect(position(plan, "dev/iam/role-trust/a")).toBeGreaterThan(position(plan, "dev/iam/role/b"));
  });

  it("a longer cycle is broken once, and roles already existing need no break", () => {
    const state = desired({
      accounts: [account("management", "111111111111"), account("dev", "222222222222"), account("prod", "333333333333")],
      roles: [
        role("x", ["dev"], trust(["prod/y"])),
        role("y", ["prod"], trust(["management/z"])),
        role("z", ["management"], trust(["dev/x"])),
      ],
    });
    const plan = buildPlan(state, live({ prod: { accountId: "333333333333", roles: {}, appconfig: {}, strategies: {} } }), opts);

    const completions = plan.changes.filter((c) => c.type === "role-trust").map((c) => c.address);
    expect(completions).toEqual(["dev/iam/role-trust/x"]);
    expect(at(plan, "dev/iam/role-trust/x").dependsOn).toEqual(["dev/iam/role/x", "prod/iam/role/y"]);
    // x first, then z (trusts x), y (trusts z), and x's trust last.
    const order = ["dev/iam/role/x", "management/iam/role/z", "prod/iam/role/y", "dev/iam/role-trust/x"].map((a) => position(plan, a));
    expect(order).toEqual([...order].sort((p, q) => p - q));
  });
});
