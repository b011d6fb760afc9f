// `grant: true` at validate: it reaches only callers the desired state declares (a role ARN,
// an account it does not hold, a group it does not declare are errors at the entry), a group
// is trusted only through a grant, the reserved inline policy is orgctl's, and the caller's
// inline policies must fit IAM's size limit once the grants policy is added.
import { describe, expect, it } from "vitest";
import { grantIndex } from "../src/model/grants/callers.js";
import { BASE, diagnose, fixture } from "./config-fixture.js";

const yaml = (trust: string, extra = "") =>
  `${BASE}roles:
  - name: deployer
    in: { units: [Workloads] }
    trust: ${trust}
  - name: pipeline
    in: { accounts: [management] }
    trust: { services: [codebuild.amazonaws.com] }
${extra}groups:
  - name: admins
    in: { accounts: [management] }
    members: []
`;

async function errors(trust: string, extra = ""): Promise<string[]> {
  return (await diagnose(await fixture({ "orgctl.yaml": yaml(trust, extra) }))).errorLines;
}

describe("grant validate rules", () => {
  it("accepts a grant to a declared role (by key or id) and a declared group (any case)", async () => {
    expect(await errors(`{ roles: [management/pipeline, 111111111111/Pipeline], groups: [management/Admins], grant: true }`)).toEqual([]);
  });

  it("refuses a caller orgctl does not manage, at the entry", async () => {
    expect(await errors(`{ roles: ["arn:aws:iam::999999999999:role/ci", "999999999999/ci", management/pipelin], grant: true }`)).toEqual([
      `orgctl.yaml:12:22: roles[0].trust.roles[0]: grant: true reaches only roles this desired state declares; "arn:aws:iam::999999999999:role/ci" is not one (name it "<account>/<role>", or give it sts:AssumeRole where it is managed)`,
      `orgctl.yaml:12:59: roles[0].trust.roles[1]: grant: true reaches only roles this desired state declares; account "999999999999" is not in accounts:`,
      `orgctl.yaml:12:78: roles[0].trust.roles[2]: no role "pipelin" is declared for account "management" (a role orgctl does not manage is named by its ARN: arn:aws:iam::111111111111:role/pipelin)`,
    ]);
  });

  it("refuses an undeclared group, a malformed one, and a group without a grant", async () => {
    expect(await errors(`{ groups: [management/admin, development/admins, nobody/admins, admins], grant: true }`)).toEqual([
      `orgctl.yaml:12:23: roles[0].trust.groups[0]: no group "admin" is declared for account "management"`,
      `orgctl.yaml:12:41: roles[0].trust.groups[1]: no group "admins" is declared for account "development"`,
      `orgctl.yaml:12:61: roles[0].trust.groups[2]: unknown account "nobody"`,
      `orgctl.yaml:12:76: roles[0].trust.groups[3]: "admins" must be "<account>/<group name>"`,
    ]);
    expect(await errors(`{ groups: [management/admins] }`)).toEqual([
      `orgctl.yaml:12:22: roles[0].trust.groups: IAM cannot trust a group: trust.groups needs grant: true (the role trusts the group's account, and the grant gives sts:AssumeRole to the group alone)`,
    ]);
    expect(await errors(`{ accounts: [management], grant: true }`)).toEqual([
      `orgctl.yaml:12:45: roles[0].trust.grant: grant: true gives the roles and groups this trust names sts:AssumeRole, and it names none (trust.roles, trust.groups)`,
    ]);
  });

  it("refuses an inline policy named like the reserved grants policy, on a role or a group", async () => {
    const policy = `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }] }`;
    const extra = `  - name: other\n    in: { accounts: [management] }\n    trust: { accounts: [management] }\n    inlinePolicies:\n      Orgctl-Grants: ${policy}\n`;
    expect(await errors(`{ roles: [management/pipeline], grant: true }`, extra)).toEqual([
      `orgctl.yaml:20:7: roles[2].inlinePolicies.Orgctl-Grants: "orgctl-grants" is reserved: orgctl writes the grants of trusts with grant: true there`,
    ]);
  });

  it("refuses a grant that takes the caller's inline policies over IAM's limit, naming the caller and the size", async () => {
    // 200 role names of 40 characters, each granted in two accounts: 400 ARNs of ~71 characters
    // (counted as sent: Action goes as a list).
    const roles = Array.from({ length: 200 }, (_, i) => `  - name: deployer-${String(i).padStart(31, "0")}\n    in: { units: [Workloads] }\n    trust: { roles: [management/pipeline], grant: true }\n`).join("");
    const text = `${BASE}roles:
  - name: pipeline
    in: { accounts: [management] }
    trust: { services: [codebuild.amazonaws.com] }
${roles}`;
    const r = await diagnose(await fixture({ "orgctl.yaml": text }));
    expect(r.errorLines).toEqual([
      `orgctl.yaml:10:11: roles[0].name: role "pipeline" in account management: with orgctl-grants (sts:AssumeRole on 400 roles whose trust grants it) its inline policies total 29698 characters; IAM allows 10240 per role (white space not counted)`,
    ]);
  });

  it("grants only the caller in the account the trust names (by key or id, any case), once per trusting role and account", async () => {
    const text = `${BASE}roles:
  - name: deployer
    in: { units: [Workloads] }
    trust: { roles: [management/pipeline, 111111111111/PIPELINE], grant: true }
  - name: reader
    in: { accounts: [production] }
    trust: { roles: [management/pipeline] }
  - name: pipeline
    in: { accounts: [management, development] }
    trust: { services: [codebuild.amazonaws.com] }
`;
    const r = await diagnose(await fixture({ "orgctl.yaml": text }));
    expect(r.errorLines).toEqual([]);
    expect([...grantIndex(r.state!)]).toEqual([
      ["role:management/pipeline", [{ account: "development", name: "deployer" }, { account: "production", name: "deployer" }]],
    ]);
  });
});
