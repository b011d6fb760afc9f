// IAM counts a role's or group's inline policies as they are sent, white space aside, and
// orgctl sends them in canonical form (every Action and Resource a list): `"s3:GetObject"`
// goes as `["s3:GetObject"]`. Validate must count the same, or a role one character over
// passes validate and fails PutRolePolicy halfway through apply.
import { describe, expect, it } from "vitest";
import { BASE, diagnose, fixture } from "./config-fixture.js";

// The policy as IAM receives it, measured here by hand.
const sent = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${"b".repeat(n)}`] }] }).length;
const pad = (n: number) => `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::${"b".repeat(n)}" }] }`;
const roleOver = 10240 + 1 - sent(0);
const groupOver = 5120 + 1 - sent(0);

const yaml = (role: number, group: number) => `${BASE}roles:
  - name: pipeline
    in: { accounts: [management] }
    trust: { services: [codebuild.amazonaws.com] }
    inlinePolicies:
      pad: ${pad(role)}
groups:
  - name: ops
    in: { accounts: [management] }
    inlinePolicies:
      pad: ${pad(group)}
`;

describe("inline policy size, counted as sent", () => {
  it("one character over IAM's limit is refused, for a role and for a group", async () => {
    expect((await diagnose(await fixture({ "orgctl.yaml": yaml(roleOver, groupOver) }))).errorLines).toEqual([
      `orgctl.yaml:14:7: roles[0].inlinePolicies: inline policies total 10241 characters; IAM allows 10240 per role (white space not counted)`,
      `orgctl.yaml:19:7: groups[0].inlinePolicies: inline policies total 5121 characters; IAM allows 5120 per group (white space not counted)`,
    ]);
  });

  it("exactly at the limit is accepted", async () => {
    expect((await diagnose(await fixture({ "orgctl.yaml": yaml(roleOver - 1, groupOver - 1) }))).errorLines).toEqual([]);
  });
});
