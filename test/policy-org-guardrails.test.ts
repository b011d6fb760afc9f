// The pure guardrail evaluator orgctl's lockout guard asks: given the SCPs/RCPs that would
// apply to an account (root first) and the calls orgctl needs there, it names the first
// denying statement — by evaluating actions, resources, NotAction and conditions, not by
// looking for words in the document.
import { describe, expect, it } from "vitest";
import { evaluateGuardrails, guardrailContext, type Level } from "../src/policy/org/evaluate.js";
import { describeLockout, findLockout, type NeededCall } from "../src/policy/org/lockout.js";

const ACCOUNT = "222222222222";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/OrganizationAccountAccessRole`;
const full = { name: "FullAWSAccess", content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) };
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const levels = (...unitPolicies: { name: string; content: string }[]): Level[] => [
  { target: "Root", policies: [full] },
  { target: "Sandbox", policies: [full, ...unitPolicies] },
  { target: ACCOUNT, policies: [full] },
];
const calls: NeededCall[] = [
  { action: "sts:AssumeRole", resource: ROLE, principalArn: `arn:aws:iam::111111111111:user/ci`, region: "us-east-1" },
  { action: "iam:CreateRole", resource: `arn:aws:iam::${ACCOUNT}:role/app`, principalArn: ROLE, region: "us-east-1" },
  { action: "appconfig:CreateApplication", resource: "*", principalArn: ROLE, region: "eu-west-1" },
];

describe("guardrail evaluation", () => {
  it("names the first denying statement by index and Sid", () => {
    const deny = { name: "no-iam", content: doc({ Sid: "ReadOnly", Effect: "Allow", Action: "s3:*", Resource: "*" }, { Sid: "NoRoles", Effect: "Deny", Action: ["iam:Create*", "iam:Delete*"], Resource: "*" }) };
    const lockout = findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: levels(deny) }, calls);
    expect(lockout).toEqual({ call: calls[1], type: "SERVICE_CONTROL_POLICY", decision: { allowed: false, explicit: true, target: "Sandbox", policy: "no-iam", statementIndex: 1, sid: "NoRoles" } });
    expect(describeLockout(lockout!)).toBe(`iam:CreateRole on arn:aws:iam::${ACCOUNT}:role/app is denied by statement 1 (Sid NoRoles) of SCP no-iam attached to Sandbox`);
  });

  it("a statement that exempts the access role by condition does not lock orgctl out; the same statement without the exemption does", () => {
    const statement = { Effect: "Deny", Action: "iam:*", Resource: "*" };
    const exempt = { name: "protect-iam", content: doc({ ...statement, Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } } }) };
    expect(findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: levels(exempt) }, calls)).toBeUndefined();
    expect(findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: levels({ name: "protect-iam", content: doc(statement) }) }, calls)?.decision).toMatchObject({ explicit: true, statementIndex: 0 });
  });

  it("a region restriction with NotAction exceptions for global services denies only the regional call outside its regions", () => {
    const region = {
      name: "regions",
      content: doc({ Sid: "DenyOtherRegions", Effect: "Deny", NotAction: ["iam:*", "sts:*", "organizations:*"], Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": ["us-east-1"] } } }),
    };
    const lockout = findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: levels(region) }, calls);
    expect(lockout?.call).toEqual(calls[2]);
    expect(lockout?.decision).toMatchObject({ explicit: true, policy: "regions", sid: "DenyOtherRegions" });
    expect(findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: levels(region) }, calls.slice(0, 2))).toBeUndefined();
  });

  it("SCPs of the member account never filter the management account's AssumeRole into it", () => {
    const denyAssume = { name: "no-assume", content: doc({ Effect: "Deny", Action: "sts:AssumeRole", Resource: "*" }) };
    expect(findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: levels(denyAssume) }, calls.slice(0, 1))).toBeUndefined();
  });

  it("a level with no Allow for the call denies implicitly, even though the root allows everything", () => {
    const narrowed: Level[] = [{ target: "Root", policies: [full] }, { target: "Sandbox", policies: [{ name: "s3-only", content: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) }] }];
    const decision = evaluateGuardrails(narrowed, { action: "iam:CreateRole", resource: "*", principal: { arn: ROLE, accountId: ACCOUNT }, context: guardrailContext({}) });
    expect(decision).toEqual({ allowed: false, explicit: false, target: "Sandbox" });
    const lockout = findLockout(ACCOUNT, { SERVICE_CONTROL_POLICY: narrowed }, calls.slice(1, 2));
    expect(describeLockout(lockout!)).toBe(`iam:CreateRole on arn:aws:iam::${ACCOUNT}:role/app is allowed by no SCP attached to Sandbox (every level needs one that allows it)`);
  });

  it("an RCP filters AssumeRole into the access role, but not the IAM calls RCPs do not govern", () => {
    const rcpFull = { name: "RCPFullAWSAccess", content: doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }) };
    const outsiders = { name: "org-only", content: doc({ Effect: "Deny", Principal: "*", Action: ["sts:AssumeRole", "iam:*"], Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-abcdefghij" } } }) };
    const rcp: Level[] = [{ target: "Root", policies: [rcpFull, outsiders] }];
    expect(findLockout(ACCOUNT, { RESOURCE_CONTROL_POLICY: rcp }, calls, "o-abcdefghij")).toBeUndefined();
    // Another account's RCPs do not govern this account's role.
    expect(findLockout("333333333333", { RESOURCE_CONTROL_POLICY: rcp }, calls, "o-otherorgxx")).toBeUndefined();
    const lockout = findLockout(ACCOUNT, { RESOURCE_CONTROL_POLICY: rcp }, calls, "o-otherorgxx");
    expect(lockout).toMatchObject({ call: calls[0], type: "RESOURCE_CONTROL_POLICY", decision: { explicit: true, policy: "org-only", statementIndex: 0 } });
  });
});
