// The small organization the grant tests apply to: a management account, a cicd account
// whose roles are callers and member accounts whose roles trust them. Each test writes only
// its roles (and groups), and names the member accounts it needs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const MANAGEMENT = "111111111111";
export const CICD = "222222222222";
export const DEV = "333333333333";
export const PROD = "444444444444";

const ACCOUNT_LINES = {
  cicd: `  cicd: { id: "${CICD}", email: aws+cicd@example.com }`,
  dev: `  dev: { id: "${DEV}", email: aws+dev@example.com }`,
  prod: `  prod: { id: "${PROD}", email: aws+prod@example.com }`,
  // No id: the apply that creates it also deploys into it.
  fresh: `  fresh: { email: aws+fresh@example.com }`,
};

export type GrantsAccount = keyof typeof ACCOUNT_LINES;

/** orgctl.yaml's text: the organization, the named member accounts, then `rest` (its `roles:` and other sections). */
export function grantsYaml(rest: string, accounts: GrantsAccount[] = ["cicd", "dev"]): string {
  return `organization: { managementAccount: "${MANAGEMENT}", accessRole: OrganizationAccountAccessRole }
settings: { owner: acme/infra }
accounts:
  management: { id: "${MANAGEMENT}", email: aws+mgmt@example.com }
${accounts.map((a) => ACCOUNT_LINES[a]).join("\n")}
${rest}`;
}

/** A fresh folder holding that orgctl.yaml. */
export function grantsOrg(name: string, rest: string, accounts?: GrantsAccount[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), `orgctl-grants-${name}-`));
  writeFileSync(path.join(dir, "orgctl.yaml"), grantsYaml(rest, accounts));
  return dir;
}
