// IAM counts an inline policy as it is sent, white space aside; orgctl sends its canonical
// form, where every Action and Resource is a list (`"s3:GetObject"` goes as
// `["s3:GetObject"]`). The grants size check must count the same characters: at exactly
// 10,240 the caller's policies apply, and one character more is a validate error, not a
// LimitExceeded halfway through apply.
import { describe, expect, it } from "vitest";
import { auditFile } from "./helpers/apply.js";
import { DEV, grantsOrg } from "./helpers/grants-org.js";
import { actions, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const LIMIT = 10240;
// The two policies as IAM receives them (sets as lists), measured here by hand.
const grantSent = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [`arn:aws:iam::${DEV}:role/deployer`] }] }).length;
const padSent = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${"b".repeat(n)}`] }] }).length;
const atLimit = LIMIT - grantSent - padSent(0);

const dirFor = (n: number) =>
  grantsOrg(
    "size",
    `roles:
  - name: pipeline
    in: { accounts: [cicd] }
    trust: { services: [codebuild.amazonaws.com] }
    inlinePolicies:
      pad: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::${"b".repeat(n)}" }] }
  - name: deployer
    in: { accounts: [dev] }
    trust: { roles: [cicd/pipeline], grant: true }
`,
  );
const over = dirFor(atLimit + 1);
const exact = dirFor(atLimit);

describe("a grant at IAM's inline policy size limit", () => {
  const sandbox = withExample(exact);

  it("one character over, counted as sent: a validate error at the caller", async () => {
    const r = await orgctl(sandbox.emulator(), "validate", over);
    expect(r.stderr.split("\n").filter((l) => l.includes("orgctl.yaml:")).map((l) => l.slice(l.indexOf("orgctl.yaml:")))).toEqual([
      `orgctl.yaml:8:11: roles[0].name: role "pipeline" in account cicd: with orgctl-grants (sts:AssumeRole on 1 roles whose trust grants it) its inline policies total ${LIMIT + 1} characters; IAM allows ${LIMIT} per role (white space not counted)`,
    ]);
    expect(r.code).toBe(1);
  });

  it("exactly at the limit: validates, applies, re-plans to zero", async () => {
    const handle = sandbox.emulator();
    expect((await orgctl(handle, "validate", exact)).code).toBe(0);
    const applied = await orgctl(handle, "apply", exact, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    expect(actions((await planJson(handle, exact)).plan)).toEqual([]);
  });
});
