// `plan merge` must give the order a full plan gives. It reported dependency cycles the
// full plan handles: role ARNs in permission policies counted as dependencies, and trust
// cycles whose roles sit in different shards were never broken.
import { describe, expect, it } from "vitest";
import { mergePlans } from "../src/engine/merge.js";
import { buildPlan } from "../src/engine/plan.js";
import { restrictPlan, type Selection } from "../src/engine/scope.js";
import type { LiveState, Plan } from "../src/engine/types.js";
import type { DesiredState } from "../src/model/types.js";
import { desired, live, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const trust = (roles: string[]) => ({ trust: { accounts: [], roles, services: [], requireMfa: false } });
const may = (arn: string) => ({ inlinePolicies: { assume: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: arn }] } } });

/** Shard i of 2 as `plan --shard` makes it: only its account's live state is read. */
function shard(state: DesiredState, full: LiveState, index: number, account: string): Plan {
  const { [account]: mine } = full.accounts;
  const sel: Selection = { by: `shard ${index}/2`, accounts: new Set([account]), organization: index === 1, organizationAccounts: "all", managementKey: "management" };
  return restrictPlan(buildPlan(state, { ...full, accounts: { [account]: mine! } }, opts), sel);
}

const summary = (plan: Plan) => plan.changes.map((c) => `${c.action} ${c.address} <- [${c.dependsOn.join(", ")}]`);

describe("plan merge", () => {
  it("roles that may assume each other (permission policies) merge without a cycle, in the full plan's order", () => {
    const state = desired({
      roles: [
        role("a", ["management"], { ...trust([]), ...may("arn:aws:iam::222222222222:role/b") }),
        role("b", ["dev"], { ...trust([]), ...may("arn:aws:iam::111111111111:role/a") }),
      ],
    });
    const full = buildPlan(state, live(), opts);
    const merged = mergePlans([shard(state, live(), 1, "management"), shard(state, live(), 2, "dev")], KINDS);
    expect(summary(merged)).toEqual(summary(full));
    expect(summary(merged)).toEqual(["create management/iam/role/a <- []", "create dev/iam/role/b <- []"]);
  });

  it("a trust cycle split across shards is broken as the full plan breaks it", () => {
    const state = desired({ roles: [role("hub", ["management"], trust(["dev/spoke"])), role("spoke", ["dev"], trust(["management/hub"]))] });
    const full = buildPlan(state, live(), opts);
    const merged = mergePlans([shard(state, live(), 1, "management"), shard(state, live(), 2, "dev")], KINDS);
    expect(summary(merged)).toEqual(summary(full));
    expect(merged.changes.map((c) => c.after)).toEqual(full.changes.map((c) => c.after));
  });
});
