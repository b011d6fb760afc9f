// Pure IAM helpers the policy and role kinds build on: how a managed policy moves to a new
// document within IAM's 5-version limit, and GitHub Actions' OIDC trust statement.
import { describe, expect, it } from "vitest";
import { githubTrustStatement } from "../src/model/github-trust.js";
import { versionSteps, versionsToDeleteBeforePolicy, type LiveVersion } from "../src/model/policy-versions.js";

const v = (n: number, document: string, isDefault = false): LiveVersion => ({ id: `v${n}`, document, isDefault });

describe("managed policy versions", () => {
  it("nothing to do when the default version holds the document", () => {
    expect(versionSteps([v(1, "A"), v(2, "B", true)], "B")).toEqual([]);
  });

  it("creates a new default version while under the limit", () => {
    expect(versionSteps([v(1, "A", true)], "B")).toEqual([{ op: "create-version", document: "B" }]);
  });

  it("at 5 versions, deletes the oldest non-default one first (never the default)", () => {
    expect(versionSteps([v(1, "A", true), v(2, "B"), v(3, "C"), v(10, "D"), v(4, "E")], "F")).toEqual([
      { op: "delete-version", versionId: "v2" },
      { op: "create-version", document: "F" },
    ]);
  });

  it("a version already holding the document (an earlier run's lost answer) is made default again, not duplicated", () => {
    expect(versionSteps([v(1, "A", true), v(2, "B"), v(3, "C"), v(4, "D"), v(5, "E")], "C")).toEqual([{ op: "set-default", versionId: "v3" }]);
  });

  it("DeletePolicy needs every non-default version deleted first", () => {
    expect(versionsToDeleteBeforePolicy([v(3, "C", true), v(10, "X"), v(2, "B")])).toEqual(["v2", "v10"]);
  });
});

describe("GitHub Actions trust", () => {
  it("one branch: StringEquals on aud and sub, through the account's provider", () => {
    expect(githubTrustStatement({ repository: "acme/infra", branches: ["main"], environments: [] }, "222222222222")).toEqual({
      Effect: "Allow",
      Principal: { Federated: "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com" },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": "repo:acme/infra:ref:refs/heads/main",
        },
      },
    });
  });

  it("branch patterns, environments, or the whole repository use StringLike for sub", () => {
    expect(githubTrustStatement({ repository: "acme/infra", branches: ["release/*"], environments: ["prod"] }, "1").Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": ["repo:acme/infra:ref:refs/heads/release/*", "repo:acme/infra:environment:prod"] },
    });
    expect(githubTrustStatement({ repository: "acme/infra", branches: [], environments: [] }, "1").Condition).toEqual({
      StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/infra:*" },
    });
  });
});
