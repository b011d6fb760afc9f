import { describe, expect, it } from "vitest";
import { BASE, diagnose, fixture } from "./config-fixture.js";

// BASE is 8 lines long, so lines appended to it start at line 9.
async function errorsOf(files: Record<string, string>) {
  return diagnose(await fixture(files));
}

describe("validation errors point at file:line:col", () => {
  it("schema error deep in a nested map", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}appconfig:
  App:
    account: development
    environments: [dev]
    profiles:
      P:
        versions:
          v1: { content: { a: 1 }, sensitive: "yes" }
`,
    });
    expect(r.errorLines).toEqual(["orgctl.yaml:16:47: appconfig.App.profiles.P.versions.v1.sensitive: must be true or false"]);
    expect(r.state).toBeUndefined();
  });

  it("missing property points at the parent map; unknown property at its key", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:
  - in: { accounts: [production] }
    trust: { accounts: [management] }
    colour: blue
`,
    });
    expect(r.errorLines).toEqual([
      `orgctl.yaml:10:5: roles[0]: missing required property "name"`,
      `orgctl.yaml:12:5: roles[0]: unknown property "colour"`,
    ]);
  });

  it("unknown account references, with a suggestion", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:
  - name: admin
    in: { accounts: [developmnt] }
    trust: { accounts: [managment] }
`,
    });
    expect(r.errorLines).toEqual([
      `orgctl.yaml:11:22: roles[0].in.accounts[0]: unknown account "developmnt" (did you mean "development"?)`,
      `orgctl.yaml:12:25: roles[0].trust.accounts[0]: unknown account "managment" (did you mean "management"?)`,
    ]);
    expect(r.warningLines).toEqual([]);
  });

  // The position only: an included file may hold anything, so no message quotes its text.
  it("duplicate key in one file", async () => {
    const r = await errorsOf({ "orgctl.yaml": BASE.replace("  production:", "  development: { email: x@example.com }\n  production:") });
    expect(r.errorLines).toEqual([`orgctl.yaml:8:3: duplicate key`]);
  });

  it("duplicate keys in flow maps, quoted keys and a large map, each reported where it repeats", async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `  a${i}: { email: a${i}@example.com }`).join("\n");
    const r = await errorsOf({
      "base.yaml": `${BASE.replace("tags: { env: dev }", "tags: { env: dev, team: x, env: prod }")}  "production": { email: p@example.com }\n`,
      "more.yaml": `accounts:\n${many}\n  a2999: { email: again@example.com }\n  a7: { email: again@example.com }\n`,
    });
    expect(r.errorLines).toEqual([
      `base.yaml:7:114: duplicate key`,
      `base.yaml:9:3: duplicate key`,
      `more.yaml:3002:3: duplicate key`,
      `more.yaml:3003:3: duplicate key`,
    ]);
  });

  it("keys that only look alike are not duplicates: 1 and \"1\", true and \"true\"", async () => {
    const r = await errorsOf({ "orgctl.yaml": BASE.replace("tags: { env: dev }", `tags: { env: dev, "1": a, 1: b, "true": c, true: d }`) });
    expect(r.errorLines.filter((l) => l.includes("duplicate"))).toEqual([]);
  });

  it("YAML syntax error, at the yaml library's position", async () => {
    const r = await errorsOf({ "orgctl.yaml": `${BASE}roles:\n  - name: [unclosed\n` });
    expect(r.errorLines).toEqual([
      "orgctl.yaml:11:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ]);
  });

  it("trust policy over 2,048 characters", async () => {
    const services = Array.from({ length: 60 }, (_, i) => `svc${i}.example-long-service-name.amazonaws.com`).join(", ");
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:\n  - name: wide\n    in: { accounts: [production] }\n    trust: { services: [${services}] }\n`,
    });
    expect(r.errorLines).toEqual(["orgctl.yaml:12:12: roles[0].trust: trust policy is 2979 characters; IAM allows 2048 (white space not counted)"]);
  });

  it("11 managed policies", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:
  - name: many
    in: { accounts: [production] }
    trust: { accounts: [management] }
    managedPolicies: [P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11]
`,
    });
    expect(r.errorLines).toEqual(["orgctl.yaml:13:22: roles[0].managedPolicies: 11 managed policies; IAM allows 10 per role"]);
  });

  it("version content failing its validator, and a deployment of a missing version", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}appconfig:
  App:
    account: development
    environments: [dev, prod]
    profiles:
      P:
        validators: [{ jsonSchema: schema.json }]
        versions:
          v1: { content: { limit: 10 } }
          v2: { content: { limit: "ten" } }
        deploy:
          dev: { version: v3 }
          prod: { version: v1 }
          qa: { version: v1 }
`,
      "schema.json": JSON.stringify({ type: "object", properties: { limit: { type: "integer" } }, required: ["limit"] }),
    });
    expect(r.errorLines).toEqual([
      "orgctl.yaml:18:11: appconfig.App.profiles.P.versions.v2: version v2 does not match schema.json: /limit must be integer",
      `orgctl.yaml:20:27: appconfig.App.profiles.P.deploy.dev.version: unknown version "v3" (profile P has: v1, v2)`,
      `orgctl.yaml:22:11: appconfig.App.profiles.P.deploy.qa: unknown environment "qa" (application App has: dev, prod)`,
    ]);
  });

  it("invalid validator schema", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}appconfig:
  App:
    account: development
    profiles:
      P:
        validators: [{ jsonSchema: { type: objekt } }]
`,
    });
    expect(r.errorLines).toHaveLength(1);
    expect(r.errorLines[0]).toMatch(/^orgctl\.yaml:14:36: appconfig\.App\.profiles\.P\.validators\[0\]\.jsonSchema: inline: invalid JSON Schema: /);
  });

  it("validators are draft-04, as AppConfig evaluates them", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}appconfig:
  App:
    account: development
    profiles:
      P:
        validators: [{ jsonSchema: draft4.json }]
        versions:
          v1: { content: { limit: 9 } }
          v2: { content: { limit: 10 } }
      Q:
        validators: [{ jsonSchema: { $schema: "http://json-schema.org/draft-07/schema#" } }]
`,
      // draft-04's boolean exclusiveMaximum: 10 itself is out (draft-07 would reject the schema).
      "draft4.json": JSON.stringify({
        $schema: "http://json-schema.org/draft-04/schema#",
        properties: { limit: { type: "integer", maximum: 10, exclusiveMaximum: true } },
      }),
    });
    expect(r.errorLines).toEqual([
      "orgctl.yaml:17:11: appconfig.App.profiles.P.versions.v2: version v2 does not match draft4.json: /limit must be < 10",
      `orgctl.yaml:19:36: appconfig.App.profiles.Q.validators[0].jsonSchema: inline: AppConfig validates with JSON Schema draft-04; $schema is "http://json-schema.org/draft-07/schema#"`,
    ]);
  });

  it("bad includes: outside the root, no match, include in an included file", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `include: [roles.yaml, ../outside.yaml, missing/*.yaml]\n${BASE}`,
      "roles.yaml": "include: [x.yaml]\nroles: []\n",
    });
    expect(r.errorLines).toEqual([
      `orgctl.yaml:1:23: include "../outside.yaml" points outside the root directory`,
      `orgctl.yaml:1:40: include "missing/*.yaml" matches no file`,
      "roles.yaml:1:1: include is only allowed in the root file",
    ]);
  });

  it("IAM rules: name, path, session duration, external id, policy names, malformed policies", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:
  - name: "bad name!"
    path: no-slashes
    in: { accounts: [production] }
    trust: { accounts: [management], externalId: "x" }
    maxSessionDuration: 100
    inlinePolicies:
      "has space": { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: "*" }] }
      broken: { Version: "2013-01-01", Statement: [{ Effect: Maybe, Principal: "*", Action: getobject }] }
  - name: raw
    in: { accounts: [production] }
    assumeRolePolicy: { Version: "2012-10-17", Statement: { Effect: Allow, Action: sts:AssumeRole, Resource: "*" } }
  - name: both
    in: { accounts: [production] }
`,
    });
    expect(r.errorLines).toEqual([
      `orgctl.yaml:10:11: roles[0].name: "bad name!" is not a valid role name (1-64 characters: letters, digits and +=,.@_-)`,
      `orgctl.yaml:11:11: roles[0].path: "no-slashes" is not a valid path ("/" or "/segment/.../", at most 512 characters)`,
      "orgctl.yaml:13:50: roles[0].trust.externalId: externalId must be 2-1224 characters: letters, digits and +=,.@:/-",
      "orgctl.yaml:14:25: roles[0].maxSessionDuration: must be between 3600 and 43200 seconds",
      `orgctl.yaml:16:7: roles[0].inlinePolicies."has space": "has space" is not a valid policy name (1-128 characters: letters, digits and +=,.@_-)`,
      `orgctl.yaml:17:26: roles[0].inlinePolicies.broken.Version: must be "2012-10-17" (or the legacy "2008-10-17")`,
      "orgctl.yaml:17:52: roles[0].inlinePolicies.broken.Statement[0]: Principal is not allowed in a permission policy",
      "orgctl.yaml:17:52: roles[0].inlinePolicies.broken.Statement[0]: missing Resource",
      `orgctl.yaml:17:62: roles[0].inlinePolicies.broken.Statement[0].Effect: must be "Allow" or "Deny"`,
      `orgctl.yaml:17:93: roles[0].inlinePolicies.broken.Statement[0].Action: "getobject" is not an action ("service:Action" or "*")`,
      "orgctl.yaml:20:59: roles[1].assumeRolePolicy.Statement: missing Principal (a trust policy names who may assume the role)",
      "orgctl.yaml:20:59: roles[1].assumeRolePolicy.Statement: Resource is not allowed in a trust policy",
      `orgctl.yaml:21:5: roles[2]: role "both" needs exactly one of "trust" or "assumeRolePolicy"`,
    ]);
  });

  it("policy characters IAM refuses (a typographic dash pasted from a document)", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:
  - name: docs
    in: { accounts: [production] }
    trust: { accounts: [management] }
    inlinePolicies:
      elastic: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::logs\u2011bucket/*" }] }
      latin1: { Version: "2012-10-17", Statement: [{ Sid: "Caf\u00e9", Effect: Allow, Action: "s3:GetObject", Resource: "*" }] }
`,
    });
    expect(r.errorLines).toEqual([
      `orgctl.yaml:14:16: roles[0].inlinePolicies.elastic: policy contains "\u2011" (U+2011); IAM accepts only tab, line breaks and U+0020-U+00FF in policies`,
    ]);
  });

  it("duplicates: same role name in one account, account emails and ids", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}  copy: { id: "333333333333", email: AWS+dev@example.com }
roles:
  - name: admin
    in: { units: [Workloads] }
    trust: { accounts: [management] }
  - name: Admin
    in: { accounts: [production] }
    trust: { accounts: [management] }
`,
    });
    expect(r.errorLines).toEqual([
      `orgctl.yaml:9:15: accounts.copy.id: id 333333333333 is also used by account "production" (orgctl.yaml:8:3)`,
      `orgctl.yaml:9:38: accounts.copy.email: email AWS+dev@example.com is also used by account "development" (orgctl.yaml:7:3)`,
      `orgctl.yaml:14:11: roles[1].name: role "Admin" is already defined for account "production" at orgctl.yaml:11:5`,
    ]);
  });

  it("reports every error at once, across phases and files", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `include: [more/]\n${BASE}`,
      "more/roles.yaml": `roles:
  - name: a
    in: { accounts: [nobody] }
    trust: { accounts: [management] }
    managedPolicies: [P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11]
  - name: b
    in: { units: [Workloads/Test] }
    trust: { accounts: [management], requireMfa: "yes" }
`,
      "more/accounts.yaml": `accounts:\n  production: { email: aws+other@example.com }\n  extra: { email: not-an-email }\n`,
    });
    expect(r.errorLines).toEqual([
      "more/accounts.yaml:2:3: accounts.production is already defined at orgctl.yaml:9:3",
      "more/accounts.yaml:3:19: accounts.extra.email: must be an email address",
      `more/roles.yaml:3:22: roles[0].in.accounts[0]: unknown account "nobody"`,
      "more/roles.yaml:5:22: roles[0].managedPolicies: 11 managed policies; IAM allows 10 per role",
      "more/roles.yaml:8:50: roles[1].trust.requireMfa: must be true or false",
    ]);
  });
});

describe("policy lint warnings", () => {
  it("open trust policy and Action * on Resource * are warnings, not errors", async () => {
    const r = await errorsOf({
      "orgctl.yaml": `${BASE}roles:
  - name: open
    in: { accounts: [production] }
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: "*" }, Action: sts:AssumeRole }] }
    inlinePolicies:
      all: { Version: "2012-10-17", Statement: { Effect: Allow, Action: "*", Resource: "*" } }
  - name: guarded
    in: { accounts: [production] }
    assumeRolePolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: "*", Action: sts:AssumeRole, Condition: { StringEquals: { "aws:PrincipalOrgID": o-abc } } }] }
`,
    });
    expect(r.errorLines).toEqual([]);
    expect(r.state).toBeDefined();
    expect(r.warningLines).toEqual([
      `orgctl.yaml:12:88: warning: roles[0].assumeRolePolicy.Statement[0].Principal: anyone may assume this role: Principal is "*" without a Condition`,
      `orgctl.yaml:14:48: warning: roles[0].inlinePolicies.all.Statement: allows every action on every resource ("Action": "*" on "Resource": "*")`,
    ]);
  });
});
