// organization.policies in the YAML: loaded (inline or from a confined file), and refused at
// validate with file:line:col when AWS would refuse them (grammar, size, attachments per
// target, the last SCP of a target, delegated administrators) or when a guardrail would lock
// orgctl out of a member account — at the statement that does it.
import { describe, expect, it } from "vitest";
import { diagnose, fixture } from "./config-fixture.js";

const HEAD = `organization:
  managementAccount: "111111111111"
  accessRole: OrganizationAccountAccessRole
  units: { Sandbox: {}, Prod: {} }
`;
const ACCOUNTS = `accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  sandbox: { id: "222222222222", email: aws+sandbox@example.com, unit: Sandbox }
  security: { id: "333333333333", email: aws+sec@example.com, unit: Prod }
`;
const load = async (org: string, extra: Record<string, string> = {}) => diagnose(await fixture({ "orgctl.yaml": HEAD + org + ACCOUNTS, ...extra }));

describe("organization policies in the YAML", () => {
  it("loads inline and file content, targets, tags, delegated administrators and trusted services", async () => {
    const r = await load(
      `  policies:
    deny-leaving:
      type: SERVICE_CONTROL_POLICY
      description: members stay
      content: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*" }] }
      targets: { root: true }
      tags: { team: security }
    cost-tags:
      type: TAG_POLICY
      file: policies/tags.json
      targets: { units: [Sandbox], accounts: [security] }
  delegatedAdministrators: [{ account: security, service: guardduty.amazonaws.com }]
  trustedServices: [guardduty.amazonaws.com]
`,
      { "policies/tags.json": JSON.stringify({ tags: { costcenter: { tag_key: { "@@assign": "CostCenter" } } } }) },
    );
    expect(r.errorLines).toEqual([]);
    const spec = r.state!.organization!.policies!;
    expect(spec.policies.map((p) => [p.name, p.type, p.description, p.targets, p.tags, p.file])).toEqual([
      ["deny-leaving", "SERVICE_CONTROL_POLICY", "members stay", { root: true, units: [], accounts: [] }, { team: "security" }, undefined],
      ["cost-tags", "TAG_POLICY", "", { root: false, units: ["Sandbox"], accounts: ["security"] }, {}, "policies/tags.json"],
    ]);
    expect(spec.policies[1]!.document).toEqual({ tags: { costcenter: { tag_key: { "@@assign": "CostCenter" } } } });
    expect(spec.delegatedAdministrators.map((d) => [d.account, d.servicePrincipal])).toEqual([["security", "guardduty.amazonaws.com"]]);
    expect(spec.trustedServices).toEqual(["guardduty.amazonaws.com"]);
  });

  it("refuses a Principal in an SCP at the statement, and a file outside the root at the reference", async () => {
    const r = await load(`  policies:
    bad:
      type: SERVICE_CONTROL_POLICY
      content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource: "*"
      targets: { root: true }
    outside:
      type: TAG_POLICY
      file: ../../etc/passwd
`);
    expect(r.errorLines).toEqual([
      "orgctl.yaml:12:24: organization.policies.bad.content.Statement[0].Principal: Principal is not supported in SCPs",
      'orgctl.yaml:18:13: organization.policies.outside.file: file "../../etc/passwd" points outside the root directory',
    ]);
  });

  it("refuses an SCP over 5,120 characters, a sixth SCP on a unit, unknown targets and content with file together", async () => {
    const deny = (i: number) => `    d${i}: { type: SERVICE_CONTROL_POLICY, content: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "ec2:Del${i}*", Resource: "*" }] }, targets: { units: [Sandbox] } }\n`;
    const r = await load(`  policies:
${[1, 2, 3, 4, 5].map(deny).join("")}    huge: { type: SERVICE_CONTROL_POLICY, content: { Version: "2012-10-17", Statement: [{ Sid: "${"x".repeat(5100)}", Effect: Deny, Action: "*", Resource: "*" }] }, targets: { units: [Nowhere] } }
    both: { type: TAG_POLICY, content: { tags: {} }, file: t.json }
`);
    expect(r.errorLines).toEqual([
      "orgctl.yaml:10:153: organization.policies.d5.targets: Sandbox would have 6 service control policy attachments (FullAWSAccess, d1, d2, d3, d4, d5); AWS allows at most 5 per root, OU or account",
      "orgctl.yaml:11:52: organization.policies.huge.content: is 5,193 characters; AWS allows a service control policy at most 5,120",
      'orgctl.yaml:11:5266: organization.policies.huge.targets.units[0]: unknown unit "Nowhere"',
      'orgctl.yaml:12:5: organization.policies.both: policy "both" needs exactly one of "content" or "file"',
    ]);
  });
});

describe("guardrails that would lock orgctl out, and rules for delegated administrators", () => {
  it("refuses an SCP that denies the IAM calls orgctl makes in a member account, at the denying statement", async () => {
    const r = await diagnose(
      await fixture({
        "orgctl.yaml": `${HEAD}  policies:
    no-iam:
      type: SERVICE_CONTROL_POLICY
      content:
        Version: "2012-10-17"
        Statement:
          - { Sid: NoLeave, Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*" }
          - { Sid: NoIam, Effect: Deny, Action: "iam:*", Resource: "*" }
      targets: { units: [Sandbox] }
${ACCOUNTS}`,
      }),
    );
    expect(r.errorLines).toEqual([
      "orgctl.yaml:12:13: organization.policies.no-iam.content.Statement[1]: orgctl would be locked out of account sandbox: iam:GetAccountAuthorizationDetails on * is denied by statement 1 (Sid NoIam) of SCP no-iam attached to Sandbox",
    ]);
  });

  it("accepts the same SCP when it exempts the access role by condition", async () => {
    const r = await load(`  policies:
    no-iam:
      type: SERVICE_CONTROL_POLICY
      content:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: "iam:*"
            Resource: "*"
            Condition: { ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" } }
      targets: { units: [Sandbox] }
`);
    expect(r.errorLines).toEqual([]);
  });

  it("refuses replacing FullAWSAccess on a unit with nothing, and the management account as delegated administrator", async () => {
    const r = await load(`  fullAWSAccess: { detachFrom: { units: [Prod] } }
  policies:
    tags: { type: TAG_POLICY, content: { tags: {} }, targets: { root: true } }
    leave: { type: SERVICE_CONTROL_POLICY, content: { Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "organizations:LeaveOrganization", Resource: "*" }] } }
  delegatedAdministrators: [{ account: management, service: guardduty.amazonaws.com }]
`);
    expect(r.errorLines).toEqual([
      "orgctl.yaml:5:42: organization.fullAWSAccess.detachFrom.units[0]: Prod would have no service control policy attached; while the type is enabled AWS keeps at least one on every root, OU and account (keep FullAWSAccess or attach another)",
      "orgctl.yaml:9:40: organization.delegatedAdministrators[0].account: the management account cannot be a delegated administrator (AWS: CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR)",
      "orgctl.yaml:9:61: organization.delegatedAdministrators[0].service: guardduty.amazonaws.com needs trusted access first: list it under organization.trustedServices (AWS: SERVICE_ACCESS_NOT_ENABLED)",
    ]);
  });
});
