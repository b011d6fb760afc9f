// The plan-time lockout guard over a desired state: the SCPs/RCPs the YAML would leave on each
// member account (root → units → account, FullAWSAccess unless replaced) are evaluated against
// the calls orgctl needs there, and the first denial names its statement.
import { describe, expect, it } from "vitest";
import { findLockouts } from "../src/model/org-policy/guard.js";
import { placements, targetLabel } from "../src/model/org-policy/placement.js";
import type { OrgPoliciesSpec, OrgPolicySpec } from "../src/model/org-policy/spec.js";
import type { AccountSpec, DesiredState, RoleSpec } from "../src/model/types.js";

const loc = { file: "orgctl.yaml", line: 1, col: 1 };
const MGMT = "111111111111";
const account = (key: string, id: string | undefined, unit: string | null): AccountSpec => ({ key, id, name: key, email: `${key}@example.com`, unit, tags: {}, loc });
const role: RoleSpec = {
  name: "deployer", path: "/", tags: {}, targets: { accounts: [], units: ["Sandbox"], tags: {} }, trust: { accounts: [MGMT], roles: [], services: [], requireMfa: false },
  inlinePolicies: {}, managedPolicies: [], maxSessionDuration: 3600, adopt: false, loc,
};
const state: Pick<DesiredState, "organization" | "accounts" | "roles" | "appconfig"> = {
  organization: { managementAccount: MGMT, accessRole: "OrganizationAccountAccessRole", units: [{ path: "Sandbox", name: "Sandbox", parent: null, tags: {}, loc }, { path: "Prod", name: "Prod", parent: null, tags: {}, loc }], loc },
  accounts: [account("management", MGMT, null), account("sandbox", "222222222222", "Sandbox"), account("prod", "333333333333", "Prod")],
  roles: [role],
  appconfig: [],
};
const scp = (name: string, targets: Partial<OrgPolicySpec["targets"]>, ...Statement: object[]): OrgPolicySpec => ({
  name, type: "SERVICE_CONTROL_POLICY", description: "", document: { Version: "2012-10-17", Statement }, tags: {}, targets: { root: false, units: [], accounts: [], ...targets }, adopt: false, loc,
});
const spec = (...policies: OrgPolicySpec[]): OrgPoliciesSpec => ({ enable: [], disable: [], policies, managedDetachedFrom: {}, delegatedAdministrators: [], trustedServices: [] });
const CALLER = `arn:aws:iam::${MGMT}:user/ci`;

describe("lockout guard over the desired state", () => {
  it("refuses an SCP on Sandbox that denies the role writes orgctl makes there, naming the statement", () => {
    const noIam = scp("no-iam-writes", { units: ["Sandbox"] }, { Sid: "Reads", Effect: "Allow", Action: "*", Resource: "*" }, { Sid: "NoRoleWrites", Effect: "Deny", Action: "iam:CreateRole", Resource: "*" });
    expect(findLockouts(state, spec(noIam), CALLER).map((l) => l.message)).toEqual([
      "orgctl would be locked out of account sandbox: iam:CreateRole on arn:aws:iam::222222222222:role/deployer is denied by statement 1 (Sid NoRoleWrites) of SCP no-iam-writes attached to Sandbox",
    ]);
  });

  it("passes the same SCP when it exempts the access role, and one that denies leaving the organization", () => {
    const exempt = scp("no-iam-writes", { root: true }, { Effect: "Deny", Action: "iam:*", Resource: "*", Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } } });
    const leave = scp("deny-leave", { root: true }, { Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" });
    expect(findLockouts(state, spec(exempt, leave), CALLER)).toEqual([]);
  });

  it("an SCP that denies everything to the access role locks orgctl out of every member account, never the management account", () => {
    const denyRole = scp("deny-access-role", { root: true }, { Effect: "Deny", Action: "*", Resource: "*", Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } } });
    expect(findLockouts(state, spec(denyRole), CALLER).map((l) => [l.account, l.lockout.call.action])).toEqual([
      ["sandbox", "iam:GetAccountAuthorizationDetails"],
      ["prod", "iam:GetAccountAuthorizationDetails"],
    ]);
  });

  it("replacing FullAWSAccess on a unit with an allow-list that misses IAM locks orgctl out implicitly", () => {
    const allowS3 = scp("s3-only", { units: ["Prod"] }, { Effect: "Allow", Action: "s3:*", Resource: "*" });
    const s = { ...spec(allowS3), managedDetachedFrom: { SERVICE_CONTROL_POLICY: { root: false, units: ["Prod"], accounts: [] } } };
    expect(findLockouts(state, s, CALLER).map((l) => l.message)).toEqual([
      "orgctl would be locked out of account prod: iam:GetAccountAuthorizationDetails on * is allowed by no SCP attached to Prod (every level needs one that allows it)",
    ]);
    const prod = placements(state, s).filter((p) => p.type === "SERVICE_CONTROL_POLICY").map((p) => [targetLabel(p.target), p.policies.map((x) => x.name)]);
    expect(prod).toEqual([
      ["Root", ["FullAWSAccess"]],
      ["Sandbox", ["FullAWSAccess"]],
      ["Prod", ["s3-only"]],
      ["account management", ["FullAWSAccess"]],
      ["account sandbox", ["FullAWSAccess"]],
      ["account prod", ["FullAWSAccess"]],
    ]);
  });
});
