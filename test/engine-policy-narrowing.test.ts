// "Destructive" must cover every narrowing of access: the PR comment lists those first.
// Each case the first landing missed (Allow→Deny, an added Deny, a changed action) is here,
// with the widenings that must stay non-destructive.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import { policyNarrows } from "../src/engine/policy-narrowing.js";
import type { PolicyDocument } from "../src/model/types.js";
import { desired, live, liveAccount, liveRole, role, MANAGED } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";
import { KINDS } from "../src/kinds/registry.js";

const MGMT = "arn:aws:iam::111111111111:root";
const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const allow = (extra: Record<string, unknown> = {}) => ({ Effect: "Allow", Principal: { AWS: MGMT }, Action: "sts:AssumeRole", ...extra });

describe("policy narrowing", () => {
  it.each([
    ["Allow becomes Deny", doc(allow()), doc(allow({ Effect: "Deny" })), true],
    ["a Deny is added", doc(allow()), doc(allow(), { Effect: "Deny", Principal: { AWS: MGMT }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:SecureTransport": "false" } } }), true],
    ["the action changes", doc(allow()), doc(allow({ Action: "sts:TagSession" })), true],
    ["a condition is added", doc(allow()), doc(allow({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })), true],
    ["a principal is removed", doc(allow({ Principal: { AWS: [MGMT, "arn:aws:iam::222222222222:root"] } })), doc(allow()), true],
    ["a resource is narrowed", doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }), doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }), true],
    ["a principal is added", doc(allow()), doc(allow({ Principal: { AWS: [MGMT, "arn:aws:iam::222222222222:root"] } })), false],
    ["a condition is removed", doc(allow({ Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })), doc(allow()), false],
    ["an action is added", doc(allow()), doc(allow({ Action: ["sts:AssumeRole", "sts:TagSession"] })), false],
    ["a Deny is removed", doc(allow(), { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" }), doc(allow()), false],
    ["actions compare case-insensitively", doc(allow()), doc(allow({ Action: "STS:AssumeRole" })), false],
  ])("%s → destructive %s", (_name, before, after, narrows) => {
    expect(policyNarrows(before, after)).toBe(narrows);
  });

  it("a narrowed inline permission policy makes the role update destructive", () => {
    const wide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    const narrow = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
    const plan = buildPlan(
      desired({ roles: [role("r", ["dev"], { inlinePolicies: { s3: narrow } })] }),
      live({ dev: liveAccount("222222222222", [liveRole("r", { tags: MANAGED, inlinePolicies: { s3: wide } })]) }),
      { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" },
    );
    expect(plan.changes.map((c) => [c.address, c.action, c.destructive, words(c)])).toEqual([["dev/iam/role/r", "update", true, ["inline policy s3"]]]);
  });
});

describe("policy narrowing with wildcards", () => {
  const perm = (Action: string | string[]) => doc({ Effect: "Allow", Action, Resource: "*" });
  it.each([
    ["s3:GetObject → s3:*", perm("s3:GetObject"), perm("s3:*"), false],
    ["s3:Get* → s3:GetObject", perm("s3:Get*"), perm("s3:GetObject"), true],
    ["s3:* → s3:Get*", perm("s3:*"), perm("s3:Get*"), true],
    ["s3:Get* → s3:*", perm("s3:Get*"), perm("s3:*"), false],
  ])("%s → destructive %s", (_name, before, after, narrows) => {
    expect(policyNarrows(before, after)).toBe(narrows);
  });
});
