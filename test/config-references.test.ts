// References in the desired state (src/model/references/grammar.ts): what validate accepts,
// and that an unknown reference or anything else written as `${…}` is an error at the
// string's file:line:col, never sent to AWS as literal text.
import { describe, expect, it } from "vitest";
import { BASE, diagnose, fixture } from "./config-fixture.js";

const APP = `appconfig:
  ListServices:
    account: development
    environments: [development, production]
    profiles:
      Main:
        versions: { v1: { content: { greeting: "\${not.a.reference}" } } }
`;

async function errorsOf(yaml: string, extra: Record<string, string> = {}) {
  return diagnose(await fixture({ "orgctl.yaml": `${BASE}${yaml}`, ...extra }));
}

describe("references at validate", () => {
  it("accepts references to declared accounts, roles and AppConfig ids, and IAM policy variables inside policies", async () => {
    const r = await errorsOf(`roles:
  - name: AppConfigReader
    in: { accounts: [development] }
    description: "reads \${app:ListServices} for \${account:production}"
    trust: { accounts: [production] }
    inlinePolicies:
      read:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: appconfig:GetLatestConfiguration
            Resource: "arn:aws:appconfig:eu-west-1:\${account:development}:application/\${app:ListServices}/environment/\${environment:ListServices/production}/configuration/\${profile:ListServices/Main}"
          - Effect: Allow
            Action: s3:GetObject
            Resource: "arn:aws:s3:::bucket/\${aws:username}/*"
  - name: Caller
    in: { accounts: [production] }
    trust: { accounts: [management] }
    inlinePolicies:
      assume:
        Statement: [ { Effect: Allow, Action: sts:AssumeRole, Resource: "\${role:development/appconfigreader}" } ]
${APP}`);
    expect(r.errorLines).toEqual([]);
    expect(r.state).toBeDefined();
  });

  it("an unknown reference is an error at file:line:col, with a suggestion", async () => {
    const r = await errorsOf(`roles:
  - name: Caller
    in: { accounts: [production] }
    trust: { accounts: [management] }
    inlinePolicies:
      assume:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Resource: ["\${role:developmnt/Reader}", "\${role:development/Reader}"]
          - Effect: Allow
            Action: appconfig:GetLatestConfiguration
            Resource: "\${app:ListService}"
    tags: { app: "\${environment:ListServices/staging}", id: "\${account:prod}" }
${APP}`);
    expect(r.errorLines).toEqual([
      `orgctl.yaml:18:24: roles[0].inlinePolicies.assume.Statement[0].Resource[0]: unknown reference \${role:developmnt/Reader}: unknown account "developmnt" (did you mean "development"?)`,
      `orgctl.yaml:18:53: roles[0].inlinePolicies.assume.Statement[0].Resource[1]: unknown reference \${role:development/Reader}: no role "Reader" is declared for account "development"`,
      `orgctl.yaml:21:23: roles[0].inlinePolicies.assume.Statement[1].Resource: unknown reference \${app:ListService}: unknown AppConfig application "ListService" (did you mean "ListServices"?)`,
      `orgctl.yaml:22:18: roles[0].tags.app: unknown reference \${environment:ListServices/staging}: application "ListServices" has no environment "staging"`,
      `orgctl.yaml:22:61: roles[0].tags.id: unknown reference \${account:prod}: unknown account "prod"`,
    ]);
    expect(r.state).toBeUndefined();
  });

  it("anything else written as \${…} is an error, and IAM policy variables only belong in policies", async () => {
    const r = await errorsOf(`roles:
  - name: Reader
    in: { accounts: [development] }
    description: "for \${aws:username}"
    trust: { accounts: [management] }
    inlinePolicies:
      read:
        Statement:
          - Effect: Allow
            Action: appconfig:GetLatestConfiguration
            Resource: "arn:aws:appconfig:*:*:application/\${appconfig.ListServices.id}"
          - Effect: Allow
            Action: s3:GetObject
            Resource: ["\${role:development}", "\${account:development"]
${APP}`);
    expect(r.errorLines).toEqual([
      `orgctl.yaml:12:18: roles[0].description: \${aws:username} is an IAM policy variable, which only a policy document may hold`,
      expect.stringMatching(/^orgctl\.yaml:19:23: roles\[0\]\.inlinePolicies\.read\.Statement\[0\]\.Resource: "\$\{appconfig\.ListServices\.id\}" is not a reference orgctl knows \(references: \$\{account:<account>\}, /),
      expect.stringMatching(/^orgctl\.yaml:22:24: roles\[0\]\.inlinePolicies\.read\.Statement\[1\]\.Resource\[0\]: "\$\{role:development\}" must be \$\{role:<account>\/<role name>\} /),
      expect.stringMatching(/^orgctl\.yaml:22:47: roles\[0\]\.inlinePolicies\.read\.Statement\[1\]\.Resource\[1\]: "\$\{account:development" has no closing \} /),
    ]);
  });

  it("AppConfig content is the user's data: a \${…} in it is not read", async () => {
    const r = await errorsOf(APP);
    expect(r.errorLines).toEqual([]);
  });

  it("a monitor's alarm and role may name the account and the role by reference; an unknown one is an error", async () => {
    const monitor = (role: string) => `roles:
  - name: AppConfigMonitor
    in: { accounts: [development] }
    trust: { services: [appconfig.amazonaws.com] }
appconfig:
  ListServices:
    account: development
    environments:
      production:
        monitors: [{ alarm: "arn:aws:cloudwatch:eu-west-1:\${account:development}:alarm:Errors", role: "${role}" }]
`;
    const ok = await errorsOf(monitor("\${role:development/AppConfigMonitor}"));
    expect(ok.errorLines).toEqual([]);
    expect(ok.state!.appconfig[0]!.environments[0]!.monitors).toEqual([
      { alarm: "arn:aws:cloudwatch:eu-west-1:\${account:development}:alarm:Errors", role: "\${role:development/AppConfigMonitor}" },
    ]);
    const unknown = await errorsOf(monitor("\${role:development/Missing}"));
    expect(unknown.errorLines).toHaveLength(1);
    expect(unknown.errorLines[0]).toMatch(/unknown reference \$\{role:development\/Missing\}/);
  });
});
