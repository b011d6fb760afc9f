// Reading the organization's policies from the emulator through the SDK: enabled types,
// customer policies with content, targets and tags, where FullAWSAccess sits, delegated
// administrators and trusted services — and content compared semantically, not as text.
import { describe, expect, it } from "vitest";
import { readOrgPolicies } from "../src/kinds/organizations/policies/read.js";
import { contentEqual } from "../src/kinds/organizations/policies/compare.js";
import { AdaptivePool } from "../src/aws/concurrency.js";
import { clientFor, withEmulator } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/types.js";

const MGMT = "111111111111";
const DEV = "222222222222";
const SCP = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: ["s3:DeleteBucket", "ec2:*"], Resource: "*" }] });
const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    rootId: "r-abcd",
    units: [{ path: "Sandbox" }],
    accounts: [{ id: DEV, name: "dev", email: "dev@example.com", unit: "Sandbox" }],
    policyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"],
    policies: [
      { id: "p-aaaaaaaaaa", name: "no-deletes", type: "SERVICE_CONTROL_POLICY", description: "d", content: SCP, tags: { "orgctl:managed": "x" }, targets: ["Sandbox"] },
      { id: "p-bbbbbbbbbb", name: "tags", type: "TAG_POLICY", content: { tags: { cc: { tag_key: { "@@assign": "CC" } } } }, targets: [DEV] },
    ],
    managedDetachedFrom: { SERVICE_CONTROL_POLICY: [DEV] },
    delegatedAdministrators: [{ accountId: DEV, servicePrincipal: "guardduty.amazonaws.com" }],
    trustedServices: ["guardduty.amazonaws.com"],
  },
};

describe("reading organization policies", () => {
  const emu = withEmulator({ snapshot });

  it("returns types, policies with content/targets/tags, FullAWSAccess's targets, delegated admins and trusted services", async () => {
    const live = await readOrgPolicies(clientFor(emu(), "organizations"), new AdaptivePool(4));
    expect(live.rootId).toBe("r-abcd");
    expect(live.enabledTypes).toEqual(["SERVICE_CONTROL_POLICY", "TAG_POLICY"]);
    expect(live.policies.map((p) => [p.name, p.type, p.awsManaged, p.targets, p.tags])).toEqual([
      ["FullAWSAccess", "SERVICE_CONTROL_POLICY", true, ["r-abcd", expect.stringMatching(/^ou-/), MGMT], {}],
      ["no-deletes", "SERVICE_CONTROL_POLICY", false, [expect.stringMatching(/^ou-/)], { "orgctl:managed": "x" }],
      ["tags", "TAG_POLICY", false, [DEV], {}],
    ]);
    expect(live.policies[1]!.content).toBe(SCP);
    expect(live.delegatedAdministrators).toEqual([{ accountId: DEV, servicePrincipal: "guardduty.amazonaws.com" }]);
    expect(live.trustedServices).toEqual(["guardduty.amazonaws.com"]);
  });

  it("compares SCP content like IAM policies and management policies as JSON", () => {
    const reordered = { Statement: { Action: ["ec2:*", "s3:DeleteBucket"], Resource: ["*"], Effect: "Deny" }, Version: "2012-10-17" };
    expect(contentEqual("SERVICE_CONTROL_POLICY", SCP, reordered)).toBe(true);
    expect(contentEqual("SERVICE_CONTROL_POLICY", SCP, { ...reordered, Statement: { ...reordered.Statement, Effect: "Allow" } })).toBe(false);
    expect(contentEqual("TAG_POLICY", '{"tags":{"cc":{"tag_key":{"@@assign":"CC"}}}}', { tags: { cc: { tag_key: { "@@assign": "CC" } } } })).toBe(true);
    expect(contentEqual("TAG_POLICY", '{"tags":{"cc":{"tag_key":{"@@assign":"CC"}}}}', { tags: { cc: { tag_key: { "@@assign": "Cc" } } } })).toBe(false);
    // A live document nested beyond reason (made by hand) is compared as text, not walked.
    const deep = `{"tags":{"a":${"[".repeat(4900)}${"]".repeat(4900)}}}`;
    expect(contentEqual("TAG_POLICY", deep, { tags: {} })).toBe(false);
    expect(contentEqual("TAG_POLICY", deep, deep)).toBe(true);
  });
});
