// ~/.aws/config profiles and console switch-role links for assumable roles.
import type { AssumableRole } from "./assumable.js";

export interface ProfileOptions {
  /** Placeholders <account> (key), <role> (name), <accountId>. */
  template: string;
  sourceProfile: string;
  region: string;
  mfaSerial?: string;
}

export const DEFAULT_TEMPLATE = "<account>-<role>";

export function profileName(r: AssumableRole, template: string): string {
  return template.replaceAll("<accountId>", r.accountId).replaceAll("<account>", r.account.key).replaceAll("<role>", r.role.name);
}

/** One `[profile …]` section: the keys the AWS CLI and SDKs read for assumed-role profiles. */
export function renderProfile(r: AssumableRole, opts: ProfileOptions): string {
  const lines = [
    `[profile ${profileName(r, opts.template)}]`,
    ...r.groups.map((g) => `# through IAM group ${g.group} in ${g.account} (members: ${[...g.members].sort().join(", ") || "none"})`),
    `role_arn = ${r.roleArn}`,
    `source_profile = ${opts.sourceProfile}`,
  ];
  if (r.requireMfa) {
    // The device belongs to the user in the trusted account: name that account when there is one.
    const source = r.trustedAccounts.length === 1 ? r.trustedAccounts[0] : "<account id>";
    lines.push(
      opts.mfaSerial
        ? `mfa_serial = ${opts.mfaSerial}`
        : `# mfa_serial = arn:aws:iam::${source}:mfa/<device name>   <- the role requires MFA: set your device's ARN (or pass --mfa-serial)`,
    );
  }
  if (r.externalId !== undefined) lines.push(`external_id = ${r.externalId}`);
  lines.push(`region = ${opts.region}`);
  return lines.join("\n") + "\n";
}

/**
 * The console's switch-role link. A role with a path is named "path/name" without the
 * leading slash (IAM User Guide, "Granting a user permissions to switch roles").
 */
export function switchRoleLink(r: AssumableRole, displayName: string): string {
  const roleName = `${r.role.path.slice(1)}${r.role.name}`;
  const query = [`account=${r.accountId}`, `roleName=${encodeURIComponent(roleName)}`, `displayName=${encodeURIComponent(displayName)}`];
  return `https://signin.aws.amazon.com/switchrole?${query.join("&")}`;
}
