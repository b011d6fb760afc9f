// The validation rules for Organizations policies, with AWS's limits and grammar: what AWS
// would refuse at CreatePolicy/AttachPolicy/DetachPolicy is refused before apply, with a
// message that says what and why.
import { describe, expect, it } from "vitest";
import { contentFindings } from "../src/config/org-policy-rules/content.js";
import { attachmentFindings } from "../src/config/org-policy-rules/attachments.js";

const scp = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });
const check = (type: Parameters<typeof contentFindings>[0], doc: unknown) => contentFindings(type, doc, JSON.stringify(doc));

describe("policy content", () => {
  it("accepts a well-formed SCP, RCP, tag, backup and AI opt-out policy", () => {
    expect(check("SERVICE_CONTROL_POLICY", scp({ Sid: "A", Effect: "Deny", NotAction: "iam:*", Resource: "*", Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } } }))).toEqual([]);
    expect(check("RESOURCE_CONTROL_POLICY", scp({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }))).toEqual([]);
    expect(check("TAG_POLICY", { tags: { costcenter: { tag_key: { "@@assign": "CostCenter" }, enforced_for: { "@@assign": ["ec2:instance"] } } } })).toEqual([]);
    expect(check("BACKUP_POLICY", { plans: { daily: { regions: { "@@assign": ["eu-west-1"] } } } })).toEqual([]);
    expect(check("AISERVICES_OPT_OUT_POLICY", { services: { default: { opt_out_policy: { "@@assign": "optOut" } } } })).toEqual([]);
  });

  it("refuses an SCP over 5,120 characters and an AI opt-out policy over 2,500", () => {
    const big = scp({ Sid: "x".repeat(5100), Effect: "Deny", Action: "*", Resource: "*" });
    expect(check("SERVICE_CONTROL_POLICY", big)).toEqual([{ path: [], message: `is ${JSON.stringify(big).length.toLocaleString("en-US")} characters; AWS allows a service control policy at most 5,120` }]);
    const ai = { services: { default: { opt_out_policy: { "@@assign": "optOut".repeat(500) } } } };
    expect(check("AISERVICES_OPT_OUT_POLICY", ai)[0]!.message).toBe(`is ${JSON.stringify(ai).length.toLocaleString("en-US")} characters; AWS allows an AI services opt-out policy at most 2,500`);
  });

  it("refuses Principal and NotPrincipal in an SCP, and elements SCPs do not have", () => {
    expect(check("SERVICE_CONTROL_POLICY", scp({ Effect: "Deny", Principal: { AWS: "*" }, NotPrincipal: { AWS: "x" }, Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*" }))).toEqual([
      { path: ["Statement", 0, "Principal"], message: "Principal is not supported in SCPs" },
      { path: ["Statement", 0, "NotPrincipal"], message: "NotPrincipal is not supported in SCPs" },
      { path: ["Statement", 1], message: "a statement needs exactly one of Resource or NotResource" },
    ]);
    expect(check("SERVICE_CONTROL_POLICY", { Statement: { Effect: "Permit", Action: "*", Resource: "*" }, Id: "x" })).toEqual([
      { path: ["Id"], message: "Id is not an element of an SCP (only Version and Statement)" },
      { path: ["Version"], message: 'an SCP needs "Version": "2012-10-17"' },
      { path: ["Statement", "Effect"], message: 'Effect must be "Allow" or "Deny"' },
    ]);
  });

  it("requires an RCP to deny, with Principal \"*\", and without NotAction", () => {
    expect(check("RESOURCE_CONTROL_POLICY", scp({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, NotAction: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" }))).toEqual([
      { path: ["Statement", 0, "NotAction"], message: "NotAction is not supported in RCPs" },
      { path: ["Statement", 0, "Effect"], message: 'RCP statements must be "Deny": AWS supports "Allow" only in RCPFullAWSAccess' },
      { path: ["Statement", 0], message: "a statement needs an Action" },
      { path: ["Statement", 0, "Principal"], message: 'Principal must be "*" in an RCP (name principals with conditions such as aws:PrincipalOrgID instead)' },
      { path: ["Statement", 1], message: 'an RCP statement needs "Principal": "*"' },
    ]);
  });

  it("checks the top level and the inheritance operators of management policies", () => {
    expect(check("TAG_POLICY", { tags: { cc: { tag_key: { "@@assing": "CostCenter" }, values: [] } }, extra: {} })).toEqual([
      { path: ["extra"], message: 'extra is not a top-level key of a tag policy (only "tags")' },
      { path: ["tags", "cc", "values"], message: "values is not a tag policy key (tag_key, tag_value, enforced_for, report_required_tag_for)" },
      { path: ["tags", "cc", "tag_key", "@@assing"], message: "@@assing is not an inheritance operator (@@assign, @@append, @@remove, @@operators_allowed_for_child_policies)" },
    ]);
    expect(check("BACKUP_POLICY", { plan: {} })).toEqual([
      { path: ["plans"], message: 'a backup policy needs a top-level "plans" object' },
      { path: ["plan"], message: 'plan is not a top-level key of a backup policy (only "plans")' },
    ]);
  });
});

describe("attachments per target", () => {
  const enabled = new Set(["SERVICE_CONTROL_POLICY"] as const);

  it("refuses a sixth SCP on one target and an eleventh tag policy", () => {
    const six = ["a", "b", "c", "d", "e", "f"];
    expect(attachmentFindings([{ target: "Workloads/Dev", type: "SERVICE_CONTROL_POLICY", policies: six }], enabled)).toEqual([
      { target: "Workloads/Dev", type: "SERVICE_CONTROL_POLICY", message: "Workloads/Dev would have 6 service control policy attachments (a, b, c, d, e, f); AWS allows at most 5 per root, OU or account" },
    ]);
    expect(attachmentFindings([{ target: "Root", type: "TAG_POLICY", policies: six.concat(["g", "h", "i", "j"]) }], enabled)).toEqual([]);
    expect(attachmentFindings([{ target: "Root", type: "TAG_POLICY", policies: six.concat(["g", "h", "i", "j", "k"]) }], enabled)).toHaveLength(1);
  });

  it("refuses a target left without any SCP while SCPs are enabled; says nothing when they are not", () => {
    expect(attachmentFindings([{ target: "Sandbox", type: "SERVICE_CONTROL_POLICY", policies: [] }], enabled)).toEqual([
      {
        target: "Sandbox",
        type: "SERVICE_CONTROL_POLICY",
        message: "Sandbox would have no service control policy attached; while the type is enabled AWS keeps at least one on every root, OU and account (keep FullAWSAccess or attach another)",
      },
    ]);
    expect(attachmentFindings([{ target: "Sandbox", type: "SERVICE_CONTROL_POLICY", policies: [] }], new Set())).toEqual([]);
  });
});
