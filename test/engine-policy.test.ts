import { describe, expect, it } from "vitest";
import { normalizePolicy, parsePolicy, policiesEqual } from "../src/engine/policy.js";
import type { PolicyDocument } from "../src/model/types.js";

const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: "2012-10-17", Statement });
const allow = { Effect: "Allow", Action: "s3:GetObject", Resource: "*" };

describe("semantic policy equality", () => {
  const equivalent: [string, PolicyDocument | string, PolicyDocument | string][] = [
    ["single statement object vs array", { Version: "2012-10-17", Statement: allow }, doc(allow)],
    ["Action string vs one-element array", doc(allow), doc({ ...allow, Action: ["s3:GetObject"] })],
    ["Resource string vs one-element array", doc(allow), doc({ ...allow, Resource: ["*"] })],
    ["NotAction/NotResource arrays in any order", doc({ Effect: "Deny", NotAction: ["b:X", "a:Y"], NotResource: ["r2", "r1"] }), doc({ Effect: "Deny", NotAction: ["a:Y", "b:X"], NotResource: ["r1", "r2"] })],
    ["action order", doc({ ...allow, Action: ["s3:A", "s3:B"] }), doc({ ...allow, Action: ["s3:B", "s3:A"] })],
    ["statement order", doc(allow, { Effect: "Deny", Action: "iam:*", Resource: "*" }), doc({ Effect: "Deny", Action: "iam:*", Resource: "*" }, allow)],
    ["account id vs root ARN principal", doc({ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }), doc({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::123456789012:root"] }, Action: "sts:AssumeRole" })],
    ["principal list order", doc({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:role/b", "arn:aws:iam::1:role/a"] }, Action: "sts:AssumeRole" }), doc({ Effect: "Allow", Principal: { AWS: ["arn:aws:iam::1:role/a", "arn:aws:iam::1:role/b"] }, Action: "sts:AssumeRole" })],
    ['Principal "*" vs {AWS: "*"}', doc({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }), doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" })],
    ["Condition value string vs [string]", doc({ ...allow, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }), doc({ ...allow, Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } } })],
    ["Condition boolean vs string", doc({ ...allow, Condition: { Bool: { "aws:SecureTransport": true } } }), doc({ ...allow, Condition: { Bool: { "aws:SecureTransport": "true" } } })],
    ["missing Version means 2008-10-17", { Statement: [allow] }, { Version: "2008-10-17", Statement: [allow] }],
    ["key order inside statements", doc({ Resource: "*", Action: "s3:GetObject", Effect: "Allow" }), doc(allow)],
    ["URL-encoded text from GetRole", encodeURIComponent(JSON.stringify(doc(allow))), doc({ ...allow, Action: ["s3:GetObject"] })],
    ["plain JSON text", JSON.stringify({ Version: "2012-10-17", Statement: allow }), doc(allow)],
  ];
  it.each(equivalent)("equal: %s", (_name, a, b) => {
    expect(policiesEqual(a, b)).toBe(true);
  });

  const different: [string, PolicyDocument, PolicyDocument][] = [
    ["different action", doc(allow), doc({ ...allow, Action: "s3:PutObject" })],
    ["Effect", doc(allow), doc({ ...allow, Effect: "Deny" })],
    ["Action vs NotAction", doc(allow), doc({ Effect: "Allow", NotAction: "s3:GetObject", Resource: "*" })],
    ["Sid is kept", doc({ ...allow, Sid: "A" }), doc({ ...allow, Sid: "B" })],
    ["Version 2008 vs 2012", { Statement: [allow] }, doc(allow)],
    ["extra condition", doc(allow), doc({ ...allow, Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } })],
    ["condition value", doc({ ...allow, Condition: { StringEquals: { "sts:ExternalId": "a" } } }), doc({ ...allow, Condition: { StringEquals: { "sts:ExternalId": "b" } } })],
    ["different principal account", doc({ Effect: "Allow", Principal: { AWS: "123456789012" }, Action: "sts:AssumeRole" }), doc({ Effect: "Allow", Principal: { AWS: "210987654321" }, Action: "sts:AssumeRole" })],
    ["duplicate statement removed", doc(allow, { Effect: "Deny", Action: "s3:*", Resource: "*" }), doc(allow)],
  ];
  it.each(different)("different: %s", (_name, a, b) => {
    expect(policiesEqual(a, b)).toBe(false);
  });

  it("normalised output is stable JSON that round-trips", () => {
    const n = normalizePolicy(doc({ Action: ["b", "a", "a"], Resource: "*", Effect: "Allow" }));
    expect(n).toEqual({ Version: "2012-10-17", Statement: [{ Action: ["a", "b"], Effect: "Allow", Resource: ["*"] }] });
    expect(normalizePolicy(n)).toEqual(n);
  });

  it("parsePolicy rejects text that is not a policy", () => {
    expect(() => parsePolicy("not json")).toThrow();
  });
});
