import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import type { Plan } from "../src/engine/types.js";
import { renderText } from "../src/render/text.js";
import { account, desired, live, loc } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const actions = (plan: Plan) => plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.type} ${c.name}`);
const notes = (plan: Plan) => plan.changes.filter((c) => c.action === "noop").map((c) => `${c.type} ${c.name}: ${words(c)!.join("; ")}`);
const org = (units: { path: string; tags?: Record<string, string> }[]) => ({
  managementAccount: "111111111111",
  accessRole: "OrganizationAccountAccessRole",
  units: units.map((u) => {
    const i = u.path.lastIndexOf("/");
    return { path: u.path, name: u.path.slice(i + 1), parent: i < 0 ? null : u.path.slice(0, i), tags: u.tags ?? {}, loc };
  }),
  loc,
});

describe("Organizations diff", () => {
  it("moves and retags accounts found by id or email; addresses use the management account's key", () => {
    const state = live();
    state.organization!.units = [{ id: "ou-1", name: "Workloads", path: "Workloads", parentId: "r-root", tags: {} }];
    const d = desired({
      organization: org([{ path: "Workloads" }]),
      accounts: [account("management", "111111111111"), account("dev", undefined, { unit: "Workloads", tags: { env: "dev" } })],
    });
    const plan = buildPlan(d, state, opts);
    expect(actions(plan)).toEqual(["update account dev"]);
    expect(plan.changes[0]?.address).toBe("management/organizations/account/dev");
    expect(words(plan.changes[0])).toEqual(["move (root) -> Workloads", "tags"]);
    expect(plan.changes[0]?.after).toMatchObject({ id: "222222222222", unit: "Workloads", tags: { env: "dev" } });
  });

  it("updates unit tags and notes units and accounts orgctl does not list, without deleting them", () => {
    const state = live();
    state.organization!.units = [
      { id: "ou-1", name: "Workloads", path: "Workloads", parentId: "r-root", tags: {} },
      { id: "ou-2", name: "Legacy", path: "Legacy", parentId: "r-root", tags: {} },
    ];
    state.organization!.accounts.push({ id: "999999999999", name: "old", email: "old@example.com", status: "ACTIVE", unit: "Legacy", parentId: "ou-2", tags: {} });
    const plan = buildPlan(desired({ organization: org([{ path: "Workloads", tags: { team: "a" } }]) }), state, { ...opts, prune: true });
    expect(actions(plan)).toEqual(["update unit Workloads"]);
    expect(notes(plan)).toEqual([
      "account 999999999999: orphan: account not in the desired state (orgctl never deletes it)",
      "unit Legacy: orphan: organizational unit not in the desired state (orgctl never deletes it)",
    ]);
  });

  it("does not create an account whose creation is still in progress", () => {
    const state = live();
    state.organization!.pendingCreates = [{ id: "car-1", accountName: "sandbox", state: "IN_PROGRESS" }];
    const plan = buildPlan(desired({ accounts: [account("management", "111111111111"), account("dev", "222222222222"), account("sandbox")] }), state, opts);
    expect(actions(plan)).toEqual([]);
    expect(notes(plan)).toEqual(["account sandbox: CreateAccount car-1 is still IN_PROGRESS: re-plan when it finishes"]);
  });

  it("an account id that is not in the organization is a conflict", () => {
    const plan = buildPlan(desired({ accounts: [account("management", "111111111111"), account("dev", "222222222222"), account("ghost", "444444444444")] }), live(), opts);
    expect(plan.conflicts).toEqual([{ address: "management/organizations/account/ghost", message: "account 444444444444 is not a member of the organization" }]);
  });

  it("an unreadable account that is not in the organization is reported once, as a read error with its cause", () => {
    const accounts = [account("management", "111111111111"), account("dev", "222222222222"), account("ghost", "444444444444")];
    const readError = { account: "ghost", accountId: "444444444444", message: "cannot assume arn:aws:iam::444444444444:role/OrganizationAccountAccessRole: AccessDenied" };
    const plan = buildPlan(desired({ accounts }), live({}, { errors: [readError] }), opts);
    const message = "account 444444444444 is not a member of the organization; cannot assume arn:aws:iam::444444444444:role/OrganizationAccountAccessRole: AccessDenied";
    expect(plan.conflicts).toEqual([]);
    expect(plan.errors).toEqual([{ ...readError, message }]);
    expect(plan.accounts.find((a) => a.key === "ghost")).toEqual({ key: "ghost", id: "444444444444", status: "error", error: message });
    const text = renderText(plan, { color: false });
    expect(text.match(/not a member/g)).toHaveLength(1);
    expect(text).toContain(`x ghost (444444444444): ${message}`);
  });

  it("no organization changes when live equals desired", () => {
    expect(actions(buildPlan(desired(), live(), opts))).toEqual([]);
  });
});
