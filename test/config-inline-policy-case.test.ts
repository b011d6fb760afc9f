// IAM inline policy names ignore case: a role or group holds one policy for `Read` and
// `read`. Two such names in the YAML would be put in turn over each other (one document
// lost, and every plan shows the change again): validate refuses the second, at its key.
import { describe, expect, it } from "vitest";
import { BASE, diagnose, fixture } from "./config-fixture.js";

const text = `${BASE}roles:
  - name: pipeline
    in: { accounts: [management] }
    trust: { services: [codebuild.amazonaws.com] }
    inlinePolicies:
      Read: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }] }
      read: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:PutObject", Resource: "*" }] }
groups:
  - name: ops
    in: { accounts: [management] }
    inlinePolicies:
      A: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "*" }] }
      a: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:PutObject", Resource: "*" }] }
`;

describe("inline policy names that differ only in case", () => {
  it("are refused on a role and on a group, at the second name", async () => {
    expect((await diagnose(await fixture({ "orgctl.yaml": text }))).errorLines).toEqual([
      `orgctl.yaml:15:7: roles[0].inlinePolicies.read: "read" is the inline policy "Read" again (IAM policy names ignore case)`,
      `orgctl.yaml:21:7: groups[0].inlinePolicies.a: "a" is the inline policy "A" again (IAM policy names ignore case)`,
    ]);
  });
});
