// `orgctl profiles` and groups that get their sts:AssumeRole from a grant (`trust: { groups:
// [...], grant: true }`): the group's permission is the grants policy orgctl writes, not an
// inline policy in the YAML, and it is the only way a grant to a group is meant to be used.
// The profile must name that group, and --user must find the role through it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CLI = path.resolve("dist/orgctl.mjs");

// No AWS is reachable (no credentials, no instance metadata), so a synchronous spawn is fine here.
function orgctl(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), AWS_EC2_METADATA_DISABLED: "true" }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("orgctl profiles with a grant to a group", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-profiles-grants-"));
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { region: eu-west-1 }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  development: { id: "222222222222", email: aws+dev@example.com }
roles:
  - name: operator
    path: /ops/
    in: { accounts: [development] }
    trust: { groups: [management/Operators], grant: true }
groups:
  - name: operators
    in: { accounts: [management] }
    members: [alice]
`,
  );

  it("names the group the grant gives the role to, and --user finds the role through it", () => {
    const r = orgctl(["profiles", dir]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "[profile development-operator]",
        "# through IAM group operators in management (members: alice)",
        "role_arn = arn:aws:iam::222222222222:role/ops/operator",
        "source_profile = default",
        "region = eu-west-1",
        "",
      ].join("\n"),
    );
    const alice = orgctl(["profiles", dir, "--user", "alice"]);
    expect(alice.stderr).toBe("");
    expect(alice.stdout).toBe(r.stdout);
  });
});
