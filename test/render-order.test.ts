import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import { renderMarkdown } from "../src/render/markdown.js";
import { renderText } from "../src/render/text.js";
import { account, desired, live, liveAccount, loc, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };

// Keys chosen so that alphabetical order would put the management account in the middle.
function landingPlan() {
  const state = desired({
    organization: {
      managementAccount: "111111111111",
      accessRole: "OrganizationAccountAccessRole",
      units: [{ path: "Workloads", name: "Workloads", parent: null, tags: {}, loc }],
      loc,
    },
    accounts: [account("production", "333333333333"), account("management", "111111111111"), account("development", "222222222222")],
    roles: [role("admin", ["production", "development"])],
  });
  const liveState = live({ development: liveAccount("222222222222"), production: liveAccount("333333333333") });
  return buildPlan(state, liveState, opts);
}

describe("account order", () => {
  it("plan: the management account first, then the others by key", () => {
    const plan = landingPlan();
    expect(plan.accounts.map((a) => a.key)).toEqual(["management", "development", "production"]);
    expect(plan.changes.filter((c) => c.action !== "noop").map((c) => c.address)).toEqual([
      "management/organizations/unit/Workloads",
      "development/iam/role/admin",
      "production/iam/role/admin",
    ]);
  });

  it("text: account sections and per-account summary lines follow that order", () => {
    const text = renderText(landingPlan(), { color: false });
    const headings = [...text.matchAll(/^Account (\w+)/gm)].map((m) => m[1]);
    expect(headings).toEqual(["management", "development", "production"]);
    const summary = text.slice(text.indexOf("Plan:"));
    expect([...summary.matchAll(/^ {2}(\w+): /gm)].map((m) => m[1])).toEqual(["management", "development", "production"]);
  });

  it("markdown: table rows and sections follow that order", () => {
    const md = renderMarkdown(landingPlan());
    expect([...md.matchAll(/^\| (\w+) \| \d/gm)].map((m) => m[1])).toEqual(["management", "development", "production"]);
    expect([...md.matchAll(/<summary>(\w+) —/g)].map((m) => m[1])).toEqual(["management", "development", "production"]);
  });

  it("the management account leads even when the YAML does not list it", () => {
    const state = desired({
      organization: { managementAccount: "111111111111", accessRole: "OrganizationAccountAccessRole", units: [{ path: "Apps", name: "Apps", parent: null, tags: {}, loc }], loc },
      accounts: [account("alpha", "222222222222")],
      roles: [role("admin", ["alpha"])],
    });
    const plan = buildPlan(state, live({ alpha: liveAccount("222222222222") }), opts);
    expect(plan.accounts[0]).toEqual({ key: "management", id: "111111111111", status: "ok" });
    const headings = [...renderText(plan, { color: false }).matchAll(/^Account (\w+)/gm)].map((m) => m[1]);
    expect(headings).toEqual(["management", "alpha"]);
  });
});
