// Import writes `trust:` sugar only when it renders (src/model/trust.ts) to a policy IAM
// treats as the live one: recognition must be the exact inverse of rendering.
import { describe, expect, it } from "vitest";
import { parsePolicy, policiesEqual } from "../src/engine/policy.js";
import { recognizeTrust } from "../src/import/trust-sugar.js";
import { trustPolicy } from "../src/model/trust.js";
import type { PolicyDocument, TrustSpec } from "../src/model/types.js";

const IDS: Record<string, string> = { management: "111111111111", development: "222222222222" };
const refs = {
  refOf: (id: string) => Object.keys(IDS).find((k) => IDS[k] === id) ?? id,
  idOf: (ref: string) => IDS[ref] ?? ref,
};
const sugar = (t: Partial<TrustSpec>): TrustSpec => ({ accounts: [], roles: [], services: [], requireMfa: false, ...t });
/** As IAM returns it: URL-encoded JSON. */
const fromIam = (doc: PolicyDocument) => parsePolicy(encodeURIComponent(JSON.stringify(doc)));

describe("recognizeTrust", () => {
  it.each([
    ["one account", sugar({ accounts: ["management"] })],
    ["accounts with MFA", sugar({ accounts: ["development", "management"], requireMfa: true })],
    ["an account outside the organization stays an id", sugar({ accounts: ["999999999999"] })],
    ["a role with an external id", sugar({ roles: ["development/DeployPipeline"], externalId: "release-7f3a" })],
    ["MFA and external id together", sugar({ accounts: ["management"], requireMfa: true, externalId: "x-1" })],
    ["services", sugar({ services: ["codebuild.amazonaws.com", "codepipeline.amazonaws.com"] })],
    ["accounts, roles and services", sugar({ accounts: ["management"], roles: ["development/app"], services: ["ecs-tasks.amazonaws.com"], requireMfa: true })],
  ])("%s: render then recognise gives the sugar back", (_, spec) => {
    const live = fromIam(trustPolicy(spec, refs.idOf));
    const found = recognizeTrust(live, refs);
    // Order inside a principal list carries no meaning to IAM.
    const sorted = (t: TrustSpec) => ({ ...t, accounts: [...t.accounts].sort(), roles: [...t.roles].sort(), services: [...t.services].sort() });
    expect(sorted(found!)).toEqual(sorted(spec));
    expect(policiesEqual(trustPolicy(found!, refs.idOf), live)).toBe(true);
  });

  it("accepts what IAM treats as the same: a bare account id, arrays for single values, a boolean condition value", () => {
    const live = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: ["111111111111"] }, Action: ["sts:AssumeRole"], Condition: { Bool: { "aws:MultiFactorAuthPresent": true } } }],
    };
    expect(recognizeTrust(live, refs)).toEqual(sugar({ accounts: ["management"], requireMfa: true }));
  });

  const base = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" };
  const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
  it.each([
    ["a Sid", doc({ ...base, Sid: "Admins" })],
    ["a condition the sugar has no word for", doc({ ...base, Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } })],
    ["MFA required as false", doc({ ...base, Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } } })],
    ["two external ids", doc({ ...base, Condition: { StringEquals: { "sts:ExternalId": ["a1", "b2"] } } })],
    ["MFA for one account only", doc({ ...base, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }, { ...base, Principal: { AWS: "arn:aws:iam::222222222222:root" } })],
    ["a Deny", doc({ ...base, Effect: "Deny" })],
    ["more actions", doc({ ...base, Action: ["sts:AssumeRole", "sts:TagSession"] })],
    ["a role with a path", doc({ ...base, Principal: { AWS: "arn:aws:iam::222222222222:role/ci/deployer" } })],
    ["a user principal", doc({ ...base, Principal: { AWS: "arn:aws:iam::222222222222:user/alice" } })],
    ["a condition on a service", doc({ ...base, Principal: { Service: "lambda.amazonaws.com" }, Condition: { StringEquals: { "sts:ExternalId": "x1" } } })],
    ["federated principals", doc({ ...base, Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" })],
    ["the legacy policy version", { Version: "2008-10-17", Statement: [base] }],
    ["everyone", doc({ ...base, Principal: "*" })],
  ])("leaves %s raw", (_, live) => {
    expect(recognizeTrust(live, refs)).toBeUndefined();
  });
});
