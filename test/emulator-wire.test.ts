// What the emulator puts on the wire, checked against the AWS service models (botocore
// iam/sts/organizations/appconfig service-2.json): error codes and statuses, error shapes,
// timestamp formats. Raw responses, because the SDK would parse past small differences.
import { describe, expect, it } from "vitest";
import { withEmulator } from "./helpers/emulator.js";
import { rawAws, rawOrganizations, rawQuery } from "./helpers/raw-aws.js";

const emu = withEmulator({ snapshot: { formatVersion: 1, organizations: { managementAccountId: "111111111111" } } });

describe("error shapes on the wire", () => {
  it("IAM: NoSuchEntity is 404 in ErrorResponse/Error/{Type,Code,Message} with the IAM namespace", async () => {
    const res = await rawQuery(emu(), "iam", { Action: "GetRole", RoleName: "missing" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(res.text).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>');
    expect(res.text).toMatch(/<\/Error><RequestId>[\w-]+<\/RequestId><\/ErrorResponse>$/);
  });

  it("STS: AccessDenied is 403 in the STS namespace", async () => {
    const res = await rawQuery(emu(), "sts", { Action: "AssumeRole", RoleArn: "arn:aws:iam::111111111111:role/none", RoleSessionName: "s1" });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>');
  });

  it("Organizations: errors are 400 with the bare shape name in __type", async () => {
    const res = await rawOrganizations(emu(), "DescribeCreateAccountStatus", { CreateAccountRequestId: "car-abcdefgh" });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(JSON.parse(res.text)).toMatchObject({ __type: "CreateAccountStatusNotFoundException", Message: expect.any(String) });
  });

  it("AppConfig: ResourceNotFoundException is 404 with x-amzn-ErrorType and ResourceName", async () => {
    const res = await rawAws(emu(), { service: "appconfig", method: "GET", path: "/applications/abc1234" });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-amzn-errortype")).toBe("ResourceNotFoundException");
    expect(JSON.parse(res.text)).toMatchObject({ Message: expect.any(String), ResourceName: "Application" });
  });
});

describe("timestamp formats", () => {
  it("IAM dates are ISO 8601 UTC; Organizations timestamps are epoch seconds", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] });
    const created = await rawQuery(emu(), "iam", { Action: "CreateRole", RoleName: "wire-dates", AssumeRolePolicyDocument: trust });
    expect(created.text).toMatch(/<CreateDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/CreateDate>/);
    const accounts = JSON.parse((await rawOrganizations(emu(), "ListAccounts", {})).text) as { Accounts: { JoinedTimestamp: unknown }[] };
    expect(typeof accounts.Accounts[0]!.JoinedTimestamp).toBe("number");
  });
});

describe("IAM input validation from the model", () => {
  it("a role name outside roleNameType is a ValidationError (400) on every role operation, not NoSuchEntity", async () => {
    const calls: Record<string, string>[] = [
      { Action: "GetRole", RoleName: "team/admin" },
      { Action: "DeleteRole", RoleName: "x".repeat(65) },
      { Action: "UpdateAssumeRolePolicy", RoleName: "team/admin", PolicyDocument: "{}" },
      { Action: "TagRole", RoleName: "team/admin", "Tags.member.1.Key": "k", "Tags.member.1.Value": "v" },
      { Action: "UntagRole", RoleName: "team/admin", "TagKeys.member.1": "k" },
      { Action: "AttachRolePolicy", RoleName: "team/admin", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    ];
    for (const params of calls) {
      const res = await rawQuery(emu(), "iam", params);
      expect(res.status, params.Action).toBe(400);
      expect(res.text, params.Action).toContain("<Code>ValidationError</Code>");
      expect(res.text, params.Action).toMatch(/at &apos;roleName&apos; failed to satisfy constraint: Member must (satisfy regular expression pattern: \[\\w\+=,\.@-\]\+|have length less than or equal to 64)/);
    }
  });
});

describe("IAM policy documents (policyDocumentType)", () => {
  // U+2011, the non-breaking hyphen a copy-paste can slip into an action name.
  const document = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });
  const trustWith = (sid: string) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: sid, Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] });

  it("refuses characters outside tab/LF/CR/Latin-1 with a ValidationError naming the pattern", async () => {
    await rawQuery(emu(), "iam", { Action: "CreateRole", RoleName: "wire-docs", AssumeRolePolicyDocument: trustWith("plain") });
    const calls: [Record<string, string>, string][] = [
      [{ Action: "CreateRole", RoleName: "wire-docs-2", AssumeRolePolicyDocument: trustWith("smart\u201Cquote") }, "assumeRolePolicyDocument"],
      [{ Action: "UpdateAssumeRolePolicy", RoleName: "wire-docs", PolicyDocument: trustWith("smart\u201Cquote") }, "policyDocument"],
      [{ Action: "PutRolePolicy", RoleName: "wire-docs", PolicyName: "p", PolicyDocument: document("docdb\u2011elastic:*") }, "policyDocument"],
      [{ Action: "CreatePolicy", PolicyName: "wire-docs", PolicyDocument: document("docdb\u2011elastic:*") }, "policyDocument"],
    ];
    for (const [params, member] of calls) {
      const res = await rawQuery(emu(), "iam", params);
      expect(res.status, params.Action).toBe(400);
      expect(res.text, params.Action).toContain("<Code>ValidationError</Code>");
      expect(res.text, params.Action).toContain(`at &apos;${member}&apos; failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+`);
    }
  });

  it("accepts Latin-1 text (é) in a policy document", async () => {
    const res = await rawQuery(emu(), "iam", { Action: "PutRolePolicy", RoleName: "wire-docs", PolicyName: "latin1", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::caf\u00e9/*" }] }) });
    expect(res.status, res.text).toBe(200);
  });
});

describe("IAM list and tag-key inputs", () => {
  it("UntagRole checks TagKeys against tagKeyListType (≤ 50 keys, each a tag key)", async () => {
    const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] });
    await rawQuery(emu(), "iam", { Action: "CreateRole", RoleName: "wire-untag", AssumeRolePolicyDocument: trust });
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`TagKeys.member.${i + 1}`, `k${i}`]));
    const many = await rawQuery(emu(), "iam", { Action: "UntagRole", RoleName: "wire-untag", ...tooMany });
    expect(many.status).toBe(400);
    expect(many.text).toContain("at &apos;tagKeys&apos; failed to satisfy constraint: Member must have length less than or equal to 50");
    const bad = await rawQuery(emu(), "iam", { Action: "UntagRole", RoleName: "wire-untag", "TagKeys.member.1": "ok", "TagKeys.member.2": "no*stars" });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("at &apos;tagKeys.2.member&apos; failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  it("ListRoles refuses a PathPrefix that does not start with a slash (pathPrefixType)", async () => {
    const res = await rawQuery(emu(), "iam", { Action: "ListRoles", PathPrefix: "service-role/" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("at &apos;pathPrefix&apos; failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*");
  });
});

describe("AppConfig StartDeployment input", () => {
  const call = (method: string, path: string, body?: object) =>
    rawAws(emu(), { service: "appconfig", region: "eu-west-1", method, path, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });

  it("a DeploymentStrategyId outside the model's pattern is BadRequestException 400; a well-formed unknown one is ResourceNotFoundException 404", async () => {
    const app = JSON.parse((await call("POST", "/applications", { Name: "wire" })).text) as { Id: string };
    const env = JSON.parse((await call("POST", `/applications/${app.Id}/environments`, { Name: "dev" })).text) as { Id: string };
    const profile = JSON.parse((await call("POST", `/applications/${app.Id}/configurationprofiles`, { Name: "cfg", LocationUri: "hosted" })).text) as { Id: string };
    await rawAws(emu(), { service: "appconfig", region: "eu-west-1", method: "POST", path: `/applications/${app.Id}/configurationprofiles/${profile.Id}/hostedconfigurationversions`, headers: { "content-type": "application/json" }, body: "{}" });
    const start = (DeploymentStrategyId: string) =>
      call("POST", `/applications/${app.Id}/environments/${env.Id}/deployments`, { DeploymentStrategyId, ConfigurationProfileId: profile.Id, ConfigurationVersion: "1" });

    const malformed = await start("All at once");
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get("x-amzn-errortype")).toBe("BadRequestException");
    const unknown = await start("zzzz999");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toMatchObject({ ResourceName: "DeploymentStrategy" });
    expect((await start("AppConfig.AllAtOnce")).status).toBe(201);
  });
});
