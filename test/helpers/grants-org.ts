// The small organization the grant tests apply to: a management account, a cicd account
// whose roles are callers and a dev account whose roles trust them. Each test writes only
// its roles.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const CICD = "222222222222";
export const DEV = "333333333333";

const ACCOUNT_LINES = {
  cicd: `  cicd: { id: "${CICD}", email: aws+cicd@example.com }`,
  dev: `  dev: { id: "${DEV}", email: aws+dev@example.com }`,
};

/** A fresh folder holding orgctl.yaml: the organization, the named member accounts, then `roles` (a YAML `roles:` section). */
export function grantsOrg(name: string, roles: string, accounts: (keyof typeof ACCOUNT_LINES)[] = ["cicd", "dev"]): string {
  const dir = mkdtempSync(path.join(tmpdir(), `orgctl-grants-${name}-`));
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    `organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }
settings: { owner: acme/infra }
accounts:
  management: { id: "111111111111", email: aws+mgmt@example.com }
${accounts.map((a) => ACCOUNT_LINES[a]).join("\n")}
${roles}`,
  );
  return dir;
}
