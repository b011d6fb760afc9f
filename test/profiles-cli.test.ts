// `orgctl profiles` as a user runs it: the printed/written ~/.aws/config must parse as
// INI with the keys the AWS CLI reads, links must be valid switch-role URLs, and
// --write must keep hand-written profiles and be idempotent.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseIni } from "ini";
import { describe, expect, it } from "vitest";

const CLI = path.resolve("dist/orgctl.mjs");
const MFA = "arn:aws:iam::111111111111:mfa/alice";

// No AWS is reachable (no credentials, no instance metadata), so a synchronous spawn is fine here.
function orgctl(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), AWS_EC2_METADATA_DISABLED: "true", ...env }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const profile = (accountId: string, role: string, extra: Record<string, string> = {}) => ({
  role_arn: `arn:aws:iam::${accountId}:role/${role}`,
  source_profile: "default",
  ...extra,
});

describe("orgctl profiles on the examples", () => {
  it("4-multi-account-landing: administrator and read-only in development and production, with mfa_serial", () => {
    const r = orgctl(["profiles", "examples/4-multi-account-landing", "--mfa-serial", MFA]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const mfa = { mfa_serial: MFA, region: "eu-west-1" };
    expect(parseIni(r.stdout)).toEqual({
      "profile development-administrator": profile("210987654321", "administrator", mfa),
      "profile production-administrator": profile("321098765432", "administrator", mfa),
      "profile development-read-only": profile("210987654321", "read-only", mfa),
      "profile production-read-only": profile("321098765432", "read-only", mfa),
    });
  });

  it("without --mfa-serial, an MFA role gets a commented placeholder naming the trusted account", () => {
    const r = orgctl(["profiles", "examples/4-multi-account-landing", "--source-profile", "mgmt", "--region", "us-east-2"]);
    expect(r.stdout).toContain(
      "[profile development-administrator]\nrole_arn = arn:aws:iam::210987654321:role/administrator\nsource_profile = mgmt\n" +
        "# mfa_serial = arn:aws:iam::111111111111:mfa/<device name>   <- the role requires MFA: set your device's ARN (or pass --mfa-serial)\nregion = us-east-2\n",
    );
    expect(parseIni(r.stdout)["profile production-read-only"]).toEqual({ ...profile("321098765432", "read-only"), source_profile: "mgmt", region: "us-east-2" });
  });

  it("2-hub-and-spoke: CrossAccount in each spoke, trusted by main, no MFA", () => {
    const r = orgctl(["profiles", "examples/2-hub-and-spoke", "--source-profile", "main"]);
    const region = { region: "us-east-1" };
    expect(parseIni(r.stdout)).toEqual({
      "profile spoke-a-CrossAccount": { ...profile("519283746501", "CrossAccount", region), source_profile: "main" },
      "profile spoke-b-CrossAccount": { ...profile("628374659102", "CrossAccount", region), source_profile: "main" },
      "profile spoke-c-CrossAccount": { ...profile("737465829103", "CrossAccount", region), source_profile: "main" },
    });
  });

  it.each(["1-central-appconfig", "3-cross-account-deploys", "5-cicd-fanout"])("%s: roles trusted only by services or roles give no profiles", (example) => {
    const r = orgctl(["profiles", `examples/${example}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("note: no role here lets an account's users assume it (roles trusted only by services or roles are skipped)\n");
  });
});

describe("orgctl profiles on edge cases", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-profiles-"));
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { region: us-west-2 }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  ops: { id: "222222222222", email: aws+ops@example.com }
  future: { email: aws+future@example.com }
roles:
  - name: operator
    path: /ops/team/
    in: { accounts: [ops, future] }
    trust: { accounts: [management] }
  - name: vendor-audit
    in: { accounts: [ops] }
    trust: { accounts: ["999999999999"], externalId: vendor-42 }
  - name: raw-admin
    in: { accounts: [ops] }
    assumeRolePolicy:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: "111111111111" }, Action: sts:AssumeRole, Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } } }
  - name: app
    in: { accounts: [ops] }
    trust: { services: [lambda.amazonaws.com] }
`,
  );

  it("role paths in role_arn, external_id, raw trust with MFA, service roles skipped, accounts without an id noted", () => {
    const r = orgctl(["profiles", dir, "--template", "<role>@<accountId>", "--mfa-serial", MFA]);
    expect(r.code).toBe(0);
    expect(parseIni(r.stdout)).toEqual({
      "profile operator@222222222222": profile("222222222222", "ops/team/operator", { region: "us-west-2" }),
      "profile vendor-audit@222222222222": profile("222222222222", "vendor-audit", { external_id: "vendor-42", region: "us-west-2" }),
      "profile raw-admin@222222222222": profile("222222222222", "raw-admin", { mfa_serial: MFA, region: "us-west-2" }),
    });
    expect(r.stderr).toBe(
      "note: the organization could not be read for the ids of accounts listed without one (no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or run in a job with web identity), or start `orgctl sandbox` and use its environment)\n" +
        "note: account future has no id yet (orgctl creates it): no profiles for it until it exists\n",
    );
    const offline = orgctl(["profiles", dir, "--offline", "--template", "<role>@<accountId>", "--mfa-serial", MFA]);
    expect(offline.stdout).toBe(r.stdout);
    expect(offline.stderr).toBe("note: account future has no id yet (orgctl creates it): no profiles for it until it exists\n");
  });

  it("--links: switch-role URLs with the role path in roleName, URL-encoded, and none for external-id roles", () => {
    const r = orgctl(["profiles", dir, "--links", "--template", "<role>@<account>"]);
    expect(r.code).toBe(0);
    const links = r.stdout.trim().split("\n").map((line) => line.split(" ") as [string, string]);
    expect(links.map(([name]) => name)).toEqual(["operator@ops", "raw-admin@ops"]);
    const [operator, rawAdmin] = links.map(([, url]) => new URL(url));
    for (const url of [operator!, rawAdmin!]) {
      expect(url.origin + url.pathname).toBe("https://signin.aws.amazon.com/switchrole");
      expect(url.searchParams.get("account")).toBe("222222222222");
    }
    expect(operator!.searchParams.get("roleName")).toBe("ops/team/operator");
    expect(operator!.searchParams.get("displayName")).toBe("operator@ops");
    expect(links[0]![1]).toBe("https://signin.aws.amazon.com/switchrole?account=222222222222&roleName=ops%2Fteam%2Foperator&displayName=operator%40ops");
    expect(rawAdmin!.searchParams.get("roleName")).toBe("raw-admin");
    expect(r.stderr).toContain("note: vendor-audit@ops: no console link, the role requires an external id (the console cannot switch to it)\n");
  });

  it("--write merges into AWS_CONFIG_FILE: keeps hand-written profiles, skips a clashing name, is idempotent", () => {
    const file = path.join(dir, "config");
    const handWritten = "[default]\nregion = eu-central-1\n\n[profile raw-admin@222222222222]\n# mine, keep it\nrole_arn = arn:aws:iam::222222222222:role/raw-admin\nsource_profile = default\n";
    writeFileSync(file, handWritten);
    const first = orgctl(["profiles", dir, "--write", "--template", "<role>@<accountId>"], { AWS_CONFIG_FILE: file });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`wrote 2 profiles to ${file}\n`);
    expect(first.stderr).toContain(`note: profile raw-admin@222222222222 already exists in ${file} outside orgctl's block: left as it is\n`);
    const once = readFileSync(file, "utf8");
    expect(once.startsWith(handWritten)).toBe(true);
    expect(Object.keys(parseIni(once))).toEqual(["default", "profile raw-admin@222222222222", "profile operator@222222222222", "profile vendor-audit@222222222222"]);

    orgctl(["profiles", dir, "--write", file, "--template", "<role>@<accountId>"]);
    expect(readFileSync(file, "utf8")).toBe(once);

    // A changed desired state replaces only the block; text after it stays too.
    writeFileSync(file, once + "\n[profile later]\nregion = ap-south-1\n");
    orgctl(["profiles", dir, "--write", file]);
    const changed = readFileSync(file, "utf8");
    expect(Object.keys(parseIni(changed))).toEqual(["default", "profile raw-admin@222222222222", "profile ops-operator", "profile ops-vendor-audit", "profile ops-raw-admin", "profile later"]);
    expect(changed.match(/# BEGIN orgctl profiles/g)).toHaveLength(1);
    expect(changed.match(/# END orgctl profiles/g)).toHaveLength(1);
  });

  it("refuses a file whose orgctl block has no end marker", () => {
    const file = path.join(dir, "broken");
    writeFileSync(file, "# BEGIN orgctl profiles\n[profile x]\n");
    const r = orgctl(["profiles", dir, "--write", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Error: ${file}: found "# BEGIN orgctl profiles" on line 1 without "# END orgctl profiles": fix the file by hand first\n`);
    expect(readFileSync(file, "utf8")).toBe("# BEGIN orgctl profiles\n[profile x]\n");
  });
});

describe("orgctl profiles with IAM groups", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-profiles-groups-"));
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { region: eu-west-1 }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  development: { id: "222222222222", email: aws+dev@example.com }
  production: { id: "333333333333", email: aws+prod@example.com }
roles:
  - name: administrator
    in: { accounts: [development, production] }
    trust: { accounts: [management], requireMfa: true }
  - name: read-only
    path: /people/
    in: { accounts: [development, production] }
    trust: { accounts: [management] }
  - name: deployer
    in: { accounts: [production] }
    trust: { services: [codebuild.amazonaws.com] }
policies:
  - name: assume-read-only
    in: { accounts: [management] }
    document:
      Version: "2012-10-17"
      Statement: [{ Effect: Allow, Action: sts:AssumeRole, Resource: "arn:aws:iam::*:role/people/read-only" }]
groups:
  - name: development_administrator
    in: { accounts: [management] }
    members: [alice, bob]
    inlinePolicies:
      assume:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Action: sts:AssumeRole, Resource: "\${role:development/administrator}", Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } } }
  - name: production_administrator
    in: { accounts: [management] }
    members: [alice]
    inlinePolicies:
      assume:
        Version: "2012-10-17"
        Statement:
          # The deployer trusts no account: no profile, whatever the group says.
          - { Effect: Allow, Action: "sts:*", Resource: ["arn:aws:iam::333333333333:role/administrator", "\${role:production/deployer}"] }
  - name: readers
    in: { accounts: [management] }
    members: [carol, alice]
    managedPolicies: [assume-read-only]
    inlinePolicies:
      no-production:
        Version: "2012-10-17"
        Statement: [{ Effect: Deny, Action: sts:AssumeRole, Resource: "arn:aws:iam::333333333333:role/*" }]
`,
  );

  it("each profile names the groups whose policies let their members assume the role", () => {
    const r = orgctl(["profiles", dir, "--mfa-serial", MFA]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(
      [
        "[profile development-administrator]",
        "# through IAM group development_administrator in management (members: alice, bob)",
        "role_arn = arn:aws:iam::222222222222:role/administrator",
        "source_profile = default",
        `mfa_serial = ${MFA}`,
        "region = eu-west-1",
        "",
        "[profile production-administrator]",
        "# through IAM group production_administrator in management (members: alice)",
        "role_arn = arn:aws:iam::333333333333:role/administrator",
        "source_profile = default",
        `mfa_serial = ${MFA}`,
        "region = eu-west-1",
        "",
        "[profile development-read-only]",
        "# through IAM group readers in management (members: alice, carol)",
        "role_arn = arn:aws:iam::222222222222:role/people/read-only",
        "source_profile = default",
        "region = eu-west-1",
        "",
        "[profile production-read-only]",
        "role_arn = arn:aws:iam::333333333333:role/people/read-only",
        "source_profile = default",
        "region = eu-west-1",
        "",
      ].join("\n"),
    );
  });

  it("--user: only the roles that user's groups let them assume", () => {
    const alice = orgctl(["profiles", dir, "--user", "ALICE", "--source-profile", "alice"]);
    expect(alice.code).toBe(0);
    expect(alice.stderr).toBe("");
    expect(Object.keys(parseIni(alice.stdout))).toEqual(["profile development-administrator", "profile production-administrator", "profile development-read-only"]);
    expect(parseIni(alice.stdout)["profile development-read-only"]).toEqual({ ...profile("222222222222", "people/read-only"), source_profile: "alice", region: "eu-west-1" });

    const bob = orgctl(["profiles", dir, "--user", "bob"]);
    expect(bob.stdout).toBe(
      "[profile development-administrator]\n# through IAM group development_administrator in management (members: alice, bob)\nrole_arn = arn:aws:iam::222222222222:role/administrator\nsource_profile = default\n" +
        "# mfa_serial = arn:aws:iam::111111111111:mfa/<device name>   <- the role requires MFA: set your device's ARN (or pass --mfa-serial)\nregion = eu-west-1\n",
    );

    const dave = orgctl(["profiles", dir, "--user", "dave"]);
    expect(dave.code).toBe(0);
    expect(dave.stdout).toBe("");
    expect(dave.stderr).toBe("note: user dave is in no declared group whose policies let it assume a role here\n");
  });
});
