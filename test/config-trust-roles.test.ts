// Trust `roles:` references at validate: a role in an account the desired state manages
// must be one the YAML declares there (IAM names compare case-insensitively); a role
// outside it is named by its full ARN. A typo used to pass validate and plan, then fail
// mid-apply after other changes had run.
import { describe, expect, it } from "vitest";
import { trustPolicy } from "../src/model/trust.js";
import { BASE, diagnose, fixture } from "./config-fixture.js";

function withTrust(roles: string): string {
  return (
    `${BASE}roles:\n` +
    "  - name: deployer\n    in: { accounts: [development] }\n    trust: { accounts: [management] }\n" +
    `  - name: reader\n    in: { accounts: [production] }\n    trust: { roles: [${roles}] }\n`
  );
}

describe("trust roles references", () => {
  it("refuses a role no YAML declares in a managed account, by key or by id, at the reference", async () => {
    const cases: [string, string][] = [
      ["development/deployr", "development"],
      ["222222222222/deployr", "222222222222"],
      ["production/deployer", "production"],
    ];
    for (const [ref, account] of cases) {
      const r = await diagnose(await fixture({ "orgctl.yaml": withTrust(ref) }));
      const id = account === "production" ? "333333333333" : "222222222222";
      expect(r.errorLines).toEqual([
        `orgctl.yaml:15:22: roles[1].trust.roles[0]: no role "${ref.split("/")[1]}" is declared for account "${account}" (a role orgctl does not manage is named by its ARN: arn:aws:iam::${id}:role/${ref.split("/")[1]})`,
      ]);
    }
  });

  it("accepts a declared role whatever its case, a role ARN, and an account it does not manage", async () => {
    for (const ref of ["development/Deployer", "222222222222/deployer", "arn:aws:iam::999999999999:role/ci/external", "999999999999/external"]) {
      const r = await diagnose(await fixture({ "orgctl.yaml": withTrust(ref) }));
      expect({ ref, errors: r.errorLines }).toEqual({ ref, errors: [] });
    }
  });

  it("refuses a malformed ARN", async () => {
    const r = await diagnose(await fixture({ "orgctl.yaml": withTrust("arn:aws:iam::99:role/x") }));
    expect(r.errorLines).toEqual([`orgctl.yaml:15:22: roles[1].trust.roles[0]: "arn:aws:iam::99:role/x" is not a role ARN (arn:aws:iam::<account id>:role/<name>)`]);
  });

  it("puts a role ARN into the trust policy as written", () => {
    const doc = trustPolicy({ accounts: [], roles: ["arn:aws:iam::999999999999:role/ci/external"], services: [], requireMfa: false }, () => "000000000000");
    expect(doc.Statement).toHaveLength(1);
    expect([doc.Statement].flat()[0]?.Principal).toEqual({ AWS: "arn:aws:iam::999999999999:role/ci/external" });
  });
});
