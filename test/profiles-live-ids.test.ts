// `orgctl profiles` after orgctl created an account: the YAML still lists it without an id,
// so profiles reads the live organization and finds it by email (it used to say "account
// has no id yet" forever).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse as parseIni } from "ini";
import { describe, expect, it } from "vitest";
import { orgctl, withExample } from "./helpers/example-sandbox.js";

const dir = mkdtempSync(path.join(tmpdir(), "orgctl-live-ids-"));
writeFileSync(
  path.join(dir, "orgctl.yaml"),
  `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
  future: { email: AWS+Future@example.com }
roles:
  - name: operator
    in: { accounts: [future] }
    trust: { accounts: [management] }
`,
);

describe("orgctl profiles for an account orgctl created", () => {
  const sandbox = withExample(dir);

  it("finds the new account's id in the organization by email and prints its profile", async () => {
    const handle = sandbox.emulator();
    const before = await orgctl(handle, "profiles", dir);
    expect(before.stdout).toBe("");
    expect(before.stderr).toBe("note: account future has no id yet (orgctl creates it): no profiles for it until it exists\n");

    const applied = await orgctl(handle, "apply", dir, "--auto-approve");
    expect(applied.code).toBe(0);
    const org = handle.snapshot().organizations as { accounts: { id?: string; email: string }[] };
    const created = org.accounts.find((a) => a.email.toLowerCase() === "aws+future@example.com")!.id!;
    expect(created).toMatch(/^\d{12}$/);

    const after = await orgctl(handle, "profiles", dir);
    expect(after.code).toBe(0);
    expect(after.stderr).toBe("");
    expect(parseIni(after.stdout)).toEqual({
      "profile future-operator": { role_arn: `arn:aws:iam::${created}:role/operator`, source_profile: "default", region: "us-east-1" },
    });
  });
});
