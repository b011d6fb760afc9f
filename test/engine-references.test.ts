// References in role documents at plan time and just before apply: known values are written
// into the plan (so a live role holding them shows no drift), a role in an account still to be
// created becomes an ARN around that account's placeholder, and anything only apply can learn
// is noted "(known after apply)" and refused by apply rather than sent to IAM as text.
import { describe, expect, it } from "vitest";
import { resolveChange, UnresolvedAccountError } from "../src/apply/placeholders.js";
import { buildPlan } from "../src/engine/plan.js";
import type { LiveApplication } from "../src/kinds/appconfig/live.js";
import { KINDS } from "../src/kinds/registry.js";
import { account, app, desired, live, liveAccount, liveRole, role } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const allow = (resource: string) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: resource }] });
const liveApp: LiveApplication = { id: "abc1234", name: "ListServices", tags: {}, environments: [{ id: "env5678", name: "production", state: "ReadyForDeployment", tags: {}, deployed: {} }], profiles: [] };

describe("references in the plan", () => {
  it("writes known account ids and role ARNs into the document, so the live role shows no change", () => {
    const reader = role("Reader", ["management"], { path: "/apps/" });
    const caller = role("Caller", ["dev"], { inlinePolicies: { assume: allow("${role:management/reader}") } });
    const found = liveRole("Caller", { inlinePolicies: { assume: allow("arn:aws:iam::111111111111:role/apps/Reader") } });
    const plan = buildPlan(desired({ roles: [reader, caller] }), live({ dev: liveAccount("222222222222", [found]) }), opts);
    expect(plan.changes.filter((c) => c.name === "Caller")).toEqual([]);
  });

  it("a role in an account orgctl will create is named through that account's placeholder, and depends on its creation", () => {
    const state = desired({ accounts: [account("management", "111111111111"), account("dev", "222222222222"), account("sandbox")], roles: [
      role("Target", ["sandbox"]),
      role("Caller", ["dev"], { inlinePolicies: { assume: allow("${role:sandbox/Target}") } }),
    ] });
    const plan = buildPlan(state, live(), opts);
    const caller = plan.changes.find((c) => c.name === "Caller")!;
    expect(caller.after).toMatchObject({ inlinePolicies: { assume: { Statement: [{ Resource: ["arn:aws:iam::${account:sandbox}:role/Target"] }] } } });
    expect(caller.dependsOn).toContain("management/organizations/account/sandbox");
    expect(resolveChange(caller, new Map([["sandbox", "444444444444"]])).after).toMatchObject({
      inlinePolicies: { assume: { Statement: [{ Resource: ["arn:aws:iam::444444444444:role/Target"] }] } },
    });
  });

  it("AppConfig ids come from live state; one not created yet is known after apply, and apply refuses to send it", () => {
    const caller = role("Caller", ["dev"], { inlinePolicies: { read: allow("arn:aws:appconfig:eu-west-1:222222222222:application/${app:ListServices}/environment/${environment:ListServices/production}") } });
    const known = buildPlan(desired({ roles: [caller], appconfig: [app()] }), live({ dev: { ...liveAccount("222222222222"), appconfig: { "eu-west-1": { ListServices: liveApp } } } }), opts);
    const withIds = known.changes.find((c) => c.name === "Caller")!;
    expect(JSON.stringify(withIds.after)).toContain("application/abc1234/environment/env5678");
    expect(withIds.reasons).toEqual([]);

    const fresh = buildPlan(desired({ roles: [caller], appconfig: [app()] }), live(), opts);
    const pending = fresh.changes.find((c) => c.name === "Caller")!;
    expect(words(pending)).toEqual(["${app:ListServices}: (known after apply)", "${environment:ListServices/production}: (known after apply)"]);
    expect(() => resolveChange(pending, new Map())).toThrow(UnresolvedAccountError);
    expect(() => resolveChange(pending, new Map())).toThrow("${app:ListServices}, ${environment:ListServices/production} not known yet (created by this apply): apply again once it exists");
  });

  it("resolves references in any string (an AppConfig description, an account's tags), never in AppConfig content", () => {
    const spec = app({ description: "read by ${role:dev/Caller}" });
    const version = spec.profiles[0]!.versions[0]!;
    spec.profiles[0]!.versions[0] = { ...version, content: '{"target":"${app:ListServices}"}' };
    const state = desired({
      accounts: [account("management", "111111111111"), account("dev", "222222222222", { tags: { peer: "${account:management}" } })],
      roles: [role("Caller", ["dev"])],
      appconfig: [spec],
    });
    const plan = buildPlan(state, live(), opts);
    expect(plan.changes.find((c) => c.type === "application")!.after).toMatchObject({ description: "read by arn:aws:iam::222222222222:role/Caller" });
    expect(plan.changes.find((c) => c.type === "account" && c.name === "dev")!.after).toMatchObject({ tags: { peer: "111111111111" } });
    const v1 = plan.changes.find((c) => c.type === "version" && c.name.endsWith("v1"))!;
    expect(v1.reasons).toEqual([]);
    expect(JSON.stringify(v1.after)).toContain("${app:ListServices}");
  });
});
