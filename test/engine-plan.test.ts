import { describe, expect, it } from "vitest";
import { CycleError, topologicalOrder } from "../src/engine/graph.js";
import { PlanFormatError, parsePlan, serializePlan } from "../src/engine/plan-file.js";
import { claimedOf } from "../src/engine/claimed.js";
import { buildPlan, hasChanges, summarize } from "../src/engine/plan.js";
import type { LiveState } from "../src/engine/types.js";
import { account, desired, live, liveAccount, liveRole, loc, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole", commit: "abc123" };
const state = () => live({ dev: liveAccount("222222222222", [liveRole("a"), liveRole("b")]) });

describe("live fingerprint", () => {
  it("is the same for the same live state, whatever the order readers listed things in", () => {
    const a = state();
    const b = state();
    b.organization!.accounts.reverse();
    b.accounts = { dev: b.accounts.dev!, management: b.accounts.management! };
    b.apiCalls = { "iam:ListRoles": 99 };
    expect(buildPlan(desired(), a, opts).liveFingerprint).toBe(buildPlan(desired(), b, opts).liveFingerprint);
  });

  const mutations: [string, (l: LiveState) => void][] = [
    ["a role's session duration", (l) => (l.accounts.dev!.roles!.a!.maxSessionDuration = 7200)],
    ["a role's tags", (l) => (l.accounts.dev!.roles!.a!.tags.extra = "1")],
    ["a new role", (l) => (l.accounts.dev!.roles!.c = liveRole("c"))],
    ["an account's unit", (l) => (l.organization!.accounts[1]!.unit = "Workloads")],
    ["a pending account creation", (l) => l.organization!.pendingCreates.push({ id: "car-1", accountName: "x", state: "IN_PROGRESS" })],
  ];
  it.each(mutations)("changes when %s changes", (_name, mutate) => {
    const changed = state();
    mutate(changed);
    expect(buildPlan(desired(), changed, opts).liveFingerprint).not.toBe(buildPlan(desired(), state(), opts).liveFingerprint);
  });
});

describe("plan document", () => {
  it("carries the source, digest, api calls and per-account status", () => {
    const plan = buildPlan(desired({ roles: [role("x", ["dev"])] }), state(), opts);
    expect(plan).toMatchObject({ formatVersion: 2, tool: "orgctl", source: { commit: "abc123", paths: ["orgctl.yaml"] }, desiredDigest: "d".repeat(64) });
    expect(plan.apiCalls).toEqual({ "iam:GetAccountAuthorizationDetails": 2 });
    expect(plan.accounts).toEqual([
      { key: "management", id: "111111111111", status: "ok" },
      { key: "dev", id: "222222222222", status: "ok" },
    ]);
    expect(summarize(plan)).toEqual({ byAccount: { dev: { create: 1 } }, totals: { create: 1 }, conflicts: 0, errors: 0 });
    expect(hasChanges(plan)).toBe(true);
    expect(plan.changes[0]?.beforeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("beforeHash follows the live resource", () => {
    const spec = role("a", ["dev"], { description: "new" });
    const one = buildPlan(desired({ roles: [spec] }), state(), opts);
    const other = state();
    other.accounts.dev!.roles!.a!.maxSessionDuration = 7200;
    const two = buildPlan(desired({ roles: [spec] }), other, opts);
    expect(one.changes[0]?.beforeHash).not.toBe(two.changes[0]?.beforeHash);
    expect(buildPlan(desired({ roles: [spec] }), state(), opts).changes[0]?.beforeHash).toBe(one.changes[0]?.beforeHash);
  });

  it("round-trips through the plan file and refuses other formats", () => {
    const plan = buildPlan(desired({ roles: [role("x", ["dev"])] }), state(), opts);
    // The file also says which changes plan wrote (apply refuses a list edited by hand).
    expect(parsePlan(serializePlan(plan))).toEqual({ ...plan, claimed: claimedOf(plan.changes) });
    expect(() => parsePlan(JSON.stringify({ ...plan, formatVersion: 3 }))).toThrow("plan format version 3 is not supported (expected 2): re-run orgctl plan");
    // Version 1 carried free-text notes where version 2 has typed reasons.
    expect(() => parsePlan(JSON.stringify({ ...plan, formatVersion: 1 }))).toThrow(
      "plan format version 1 was written by an older orgctl (this one reads version 2): run orgctl plan again with this version",
    );
    expect(() => parsePlan(JSON.stringify({ ...plan, tool: "terraform" }))).toThrow(PlanFormatError);
    expect(() => parsePlan("{oops")).toThrow(/not a plan file/);
    const { changes: _omit, ...missing } = plan;
    expect(() => parsePlan(JSON.stringify(missing))).toThrow(/missing "changes"/);
  });

  it("orders changes by dependency, then address", () => {
    const d = desired({
      organization: {
        managementAccount: "111111111111",
        accessRole: "OrganizationAccountAccessRole",
        units: [
          { path: "Workloads/Dev", name: "Dev", parent: "Workloads", tags: {}, loc },
          { path: "Workloads", name: "Workloads", parent: null, tags: {}, loc },
        ],
        loc,
      },
      accounts: [account("management", "111111111111"), account("dev", "222222222222"), account("alpha", undefined, { unit: "Workloads/Dev" })],
      roles: [role("admin", ["alpha", "dev"])],
    });
    const plan = buildPlan(d, state(), opts);
    expect(plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`)).toEqual([
      "create management/organizations/unit/Workloads",
      "create management/organizations/unit/Workloads/Dev",
      "create management/organizations/account/alpha",
      "create alpha/iam/role/admin",
      "create dev/iam/role/admin",
    ]);
    expect(plan.changes[1]?.dependsOn).toEqual(["management/organizations/unit/Workloads"]);
  });
});

describe("topologicalOrder", () => {
  it("puts dependencies first (just before their first dependant) and otherwise keeps key order", () => {
    const deps: Record<string, string[]> = { c: ["a"], b: [], a: ["d"], d: [] };
    expect(topologicalOrder(["c", "b", "a", "d"], (n) => deps[n] ?? [])).toEqual(["d", "a", "b", "c"]);
  });
  it("ignores dependencies outside the node set", () => {
    expect(topologicalOrder(["a"], () => ["zzz"])).toEqual(["a"]);
  });
  it("reports a cycle with its path", () => {
    const deps: Record<string, string[]> = { a: ["b"], b: ["c"], c: ["a"] };
    expect(() => topologicalOrder(["a", "b", "c"], (n) => deps[n] ?? [])).toThrow(CycleError);
    expect(() => topologicalOrder(["a", "b", "c"], (n) => deps[n] ?? [])).toThrow("dependency cycle: a -> b -> c -> a");
  });
});
