import { describe, expect, it } from "vitest";
import { buildPlan, hasChanges } from "../src/engine/plan.js";
import type { Plan } from "../src/engine/types.js";
import { MANAGED, OWNER, account, desired, live, liveAccount, liveRole, role } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const actions = (plan: Plan) => plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`);

describe("IAM role diff", () => {
  it("creates a missing role with a complete after document", () => {
    const plan = buildPlan(desired({ roles: [role("deployer", ["dev"], { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], trust: { accounts: ["management"], roles: [], services: [], requireMfa: true } })] }), live(), opts);
    expect(actions(plan)).toEqual(["create dev/iam/role/deployer"]);
    const after = plan.changes[0]?.after;
    expect(after).toMatchObject({
      name: "deployer",
      path: "/",
      maxSessionDuration: 3600,
      managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      tags: MANAGED,
      assumeRolePolicy: {
        Statement: [{ Principal: { AWS: ["arn:aws:iam::111111111111:root"] }, Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } }],
      },
    });
    expect(plan.changes[0]?.accountId).toBe("222222222222");
    expect(hasChanges(plan)).toBe(true);
  });

  it("shows no change when live equals desired, including URL-decoded shapes", () => {
    const spec = role("reader", ["dev"], { inlinePolicies: { read: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: "*" }] } } });
    const found = liveRole("reader", {
      // What a reader decodes from GetRole / GetRolePolicy: strings instead of arrays, other order.
      assumeRolePolicy: { Version: "2012-10-17", Statement: { Action: "sts:AssumeRole", Effect: "Allow", Principal: { AWS: "111111111111" } } },
      inlinePolicies: { read: { Version: "2012-10-17", Statement: [{ Resource: ["*"], Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"] }] } },
    });
    const plan = buildPlan(desired({ roles: [spec] }), live({ dev: liveAccount("222222222222", [found]) }), opts);
    expect(actions(plan)).toEqual([]);
    expect(hasChanges(plan)).toBe(false);
  });

  it("updates and lists the parts that change; detaching is destructive", () => {
    const spec = role("ops", ["dev"], { description: "ops", managedPolicies: ["arn:aws:iam::aws:policy/B"], maxSessionDuration: 7200 });
    const found = liveRole("ops", { managedPolicies: ["arn:aws:iam::aws:policy/A"] });
    const plan = buildPlan(desired({ roles: [spec] }), live({ dev: liveAccount("222222222222", [found]) }), opts);
    const change = plan.changes[0];
    expect(change?.action).toBe("update");
    expect(words(change)).toEqual(["attach arn:aws:iam::aws:policy/B", "detach arn:aws:iam::aws:policy/A", "description", "maxSessionDuration"]);
    expect(change?.destructive).toBe(true);
    expect(change?.patch).toContainEqual({ op: "replace", path: "/maxSessionDuration", value: 7200 });
  });

  it("trust narrowing is destructive, widening is not", () => {
    const narrow = buildPlan(desired({ roles: [role("r", ["dev"], { trust: { accounts: ["management"], roles: [], services: [], requireMfa: true } })] }), live({ dev: liveAccount("222222222222", [liveRole("r")]) }), opts);
    expect(words(narrow.changes[0])).toEqual(["trust policy"]);
    expect(narrow.changes[0]?.destructive).toBe(true);
    const wide = buildPlan(desired({ roles: [role("r", ["dev"], { trust: { accounts: ["management", "dev"], roles: [], services: [], requireMfa: false } })] }), live({ dev: liveAccount("222222222222", [liveRole("r")]) }), opts);
    expect(wide.changes[0]?.destructive).toBe(false);
  });

  it("replaces a role whose path changes", () => {
    const plan = buildPlan(desired({ roles: [role("r", ["dev"], { path: "/ci/" })] }), live({ dev: liveAccount("222222222222", [liveRole("r")]) }), opts);
    expect(actions(plan)).toEqual(["replace dev/iam/role/r"]);
    expect(plan.changes[0]?.destructive).toBe(true);
  });

  it("an unmanaged role of the same name is a conflict, or adopted with adopt: true", () => {
    const unmanaged = liveRole("r", { tags: {} });
    const conflict = buildPlan(desired({ roles: [role("r", ["dev"])] }), live({ dev: liveAccount("222222222222", [unmanaged]) }), opts);
    expect(actions(conflict)).toEqual([]);
    expect(conflict.conflicts[0]?.address).toBe("dev/iam/role/r");
    expect(conflict.conflicts[0]?.message).toMatch(/not managed by orgctl.*adopt: true/);
    const adopt = buildPlan(desired({ roles: [role("r", ["dev"], { adopt: true })] }), live({ dev: liveAccount("222222222222", [unmanaged]) }), opts);
    expect(actions(adopt)).toEqual(["adopt dev/iam/role/r"]);
    expect(adopt.changes[0]?.patch).toContainEqual({ op: "add", path: "/tags/orgctl:managed", value: OWNER });
  });

  it("refuses to change the access role or the caller's role", () => {
    const access = buildPlan(desired({ roles: [role("OrganizationAccountAccessRole", ["dev"])] }), live(), opts);
    expect(actions(access)).toEqual([]);
    expect(access.conflicts[0]?.message).toMatch(/^refused: would lock orgctl out/);
    const caller = buildPlan(desired({ roles: [role("ci", ["dev"], { maxSessionDuration: 7200 })] }), live({ dev: liveAccount("222222222222", [liveRole("ci")]) }), {
      ...opts,
      prune: true,
      callerRoleArn: "arn:aws:sts::222222222222:assumed-role/ci/orgctl-abc",
    });
    expect(actions(caller)).toEqual([]);
    expect(caller.conflicts.map((c) => c.address)).toEqual(["dev/iam/role/ci"]);
  });

  it("never prunes the access role or the caller's role even when tagged managed", () => {
    const roles = [liveRole("OrganizationAccountAccessRole"), liveRole("ci", { path: "/automation/" })];
    const plan = buildPlan(desired(), live({ dev: liveAccount("222222222222", roles) }), {
      ...opts,
      prune: true,
      callerRoleArn: "arn:aws:iam::222222222222:role/automation/ci",
    });
    expect(actions(plan)).toEqual([]);
  });

  it("deletes managed roles absent from the desired state only with prune", () => {
    const roles = [liveRole("old"), liveRole("handmade", { tags: {} })];
    const without = buildPlan(desired(), live({ dev: liveAccount("222222222222", roles) }), opts);
    expect(actions(without)).toEqual([]);
    expect(without.changes.map((c) => [c.address, words(c)?.[0]])).toEqual([["dev/iam/role/old", expect.stringMatching(/^orphan/)]]);
    const withPrune = buildPlan(desired(), live({ dev: liveAccount("222222222222", roles) }), { ...opts, prune: true });
    expect(actions(withPrune)).toEqual(["delete dev/iam/role/old"]);
    expect(withPrune.changes[0]?.destructive).toBe(true);
    expect(withPrune.changes[0]?.after).toBeNull();
  });

  it("an orphan in an instance profile stays an orphan without prune and is a conflict with prune", () => {
    const roles = [liveRole("old", { instanceProfiles: ["hosts"] })];
    const without = buildPlan(desired(), live({ dev: liveAccount("222222222222", roles) }), opts);
    expect(without.conflicts).toEqual([]);
    expect(without.changes.map((c) => `${c.action} ${c.address}`)).toEqual(["noop dev/iam/role/old"]);
    const withPrune = buildPlan(desired(), live({ dev: liveAccount("222222222222", roles) }), { ...opts, prune: true });
    expect(withPrune.changes).toEqual([]);
    expect(withPrune.conflicts).toEqual([
      { address: "dev/iam/role/old", message: "role old is in instance profile hosts: remove it from the profile first; orgctl manages only the instance profile declared on a role (instanceProfile) (prune would delete the role)" },
    ]);
  });

  it("uses placeholders for accounts still to be created and depends on their creation", () => {
    const state = desired({
      accounts: [account("management", "111111111111"), account("dev", "222222222222"), account("sandbox")],
      roles: [
        role("admin", ["sandbox"]),
        role("hop", ["dev"], { trust: { accounts: ["sandbox"], roles: [], services: [], requireMfa: false } }),
      ],
    });
    const plan = buildPlan(state, live(), opts);
    expect(actions(plan)).toEqual([
      "create management/organizations/account/sandbox",
      "create dev/iam/role/hop",
      "create sandbox/iam/role/admin",
    ]);
    const hop = plan.changes.find((c) => c.address === "dev/iam/role/hop");
    expect(JSON.stringify(hop?.after)).toContain("arn:aws:iam::${account:sandbox}:root");
    expect(hop?.dependsOn).toEqual(["management/organizations/account/sandbox"]);
    const admin = plan.changes.find((c) => c.address === "sandbox/iam/role/admin");
    expect(admin?.accountId).toBeUndefined();
    expect(admin?.dependsOn).toEqual(["management/organizations/account/sandbox"]);
  });

  it("a trust naming a role that is being created depends on that create", () => {
    const state = desired({
      roles: [
        role("reader", ["management"], { trust: { accounts: [], roles: ["dev/app"], services: [], requireMfa: false } }),
        role("app", ["dev"], { trust: { accounts: [], roles: [], services: ["tasks.apprunner.amazonaws.com"], requireMfa: false } }),
      ],
    });
    const plan = buildPlan(state, live(), opts);
    expect(actions(plan)).toEqual(["create dev/iam/role/app", "create management/iam/role/reader"]);
    expect(plan.changes[1]?.dependsOn).toEqual(["dev/iam/role/app"]);
    expect(JSON.stringify(plan.changes[1]?.after)).toContain("arn:aws:iam::222222222222:role/app");
  });

  it("a role ARN in a permission policy is no dependency: roles that may assume each other plan without a cycle", () => {
    const assume = (arn: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: arn }] });
    const state = desired({
      roles: [
        role("reader", ["management"], { trust: { accounts: [], roles: ["dev/app"], services: [], requireMfa: false } }),
        role("app", ["dev"], { inlinePolicies: { hop: assume("arn:aws:iam::111111111111:role/reader") } }),
      ],
    });
    const plan = buildPlan(state, live(), opts);
    expect(actions(plan)).toEqual(["create dev/iam/role/app", "create management/iam/role/reader"]);
    expect(plan.changes.find((c) => c.address === "dev/iam/role/app")?.dependsOn).toEqual([]);
    expect(plan.changes.find((c) => c.address === "management/iam/role/reader")?.dependsOn).toEqual(["dev/iam/role/app"]);
  });

  it("a trust naming a role with a path uses the ARN IAM stores (with the path), by key or by id", () => {
    const state = desired({
      roles: [
        role("reader", ["management"], { trust: { accounts: [], roles: ["dev/deployer", "222222222222/deployer"], services: [], requireMfa: false } }),
        role("deployer", ["dev"], { path: "/automation/" }),
      ],
    });
    const plan = buildPlan(state, live(), opts);
    const reader = plan.changes.find((c) => c.address === "management/iam/role/reader")?.after as { assumeRolePolicy: unknown };
    expect(reader.assumeRolePolicy).toMatchObject({ Statement: [{ Principal: { AWS: ["arn:aws:iam::222222222222:role/automation/deployer"] } }] });
    expect(plan.changes.find((c) => c.address === "management/iam/role/reader")?.dependsOn).toEqual(["dev/iam/role/deployer"]);
  });

  it("a live trust naming a role with its path matches the desired state: no change", () => {
    const trusted = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:role/automation/deployer" }, Action: "sts:AssumeRole" }] };
    const state = desired({
      roles: [role("reader", ["dev"], { trust: { accounts: [], roles: ["dev/deployer"], services: [], requireMfa: false } }), role("deployer", ["dev"], { path: "/automation/" })],
    });
    const found = [liveRole("reader", { assumeRolePolicy: trusted }), liveRole("deployer", { path: "/automation/" })];
    expect(actions(buildPlan(state, live({ dev: liveAccount("222222222222", found) }), opts))).toEqual([]);
  });

  it("skips accounts whose live state could not be read and marks them", () => {
    const plan = buildPlan(desired({ roles: [role("r", ["dev"])] }), live({}, { errors: [{ account: "dev", accountId: "222222222222", message: "cannot assume role" }] }), opts);
    expect(actions(plan)).toEqual([]);
    expect(plan.accounts.find((a) => a.key === "dev")).toEqual({ key: "dev", id: "222222222222", status: "error", error: "cannot assume role" });
  });
});
