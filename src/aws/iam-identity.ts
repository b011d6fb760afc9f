// IAM's own idea of identity: names are unique per account regardless of case ("Role
// names are not distinguished by case", IAM User Guide, IAM identifiers), and a path
// is part of the ARN but not of the name's uniqueness. Every comparison of role names
// in orgctl goes through here, so `ORGCTL-APPLY`, `orgctl-apply` and
// `automation/orgctl-apply` are one role everywhere.

/** The role name a configured role reference means: `automation/OrgAccess` → `OrgAccess`. */
export function roleNameOf(reference: string): string {
  const parts = reference.split("/").filter((p) => p !== "");
  return parts[parts.length - 1] ?? reference;
}

/** Key under which IAM names compare (case-insensitive, path ignored). */
export function iamNameKey(name: string): string {
  return roleNameOf(name).toLowerCase();
}

export function sameIamName(a: string, b: string): boolean {
  return iamNameKey(a) === iamNameKey(b);
}

export interface RoleIdentity {
  accountId: string;
  name: string;
}

/** The role behind an IAM role ARN or an STS assumed-role ARN (undefined for users and root). */
export function roleOfArn(arn: string | undefined): RoleIdentity | undefined {
  const m = arn?.match(/^arn:aws[\w-]*:(?:sts|iam)::(\d{12}):(assumed-role|role)\/(.+)$/);
  if (!m) return undefined;
  const [, accountId, kind, rest] = m as unknown as [string, string, string, string];
  const segments = rest.split("/");
  // assumed-role/<name>/<session>; role/<path…>/<name>
  const name = kind === "assumed-role" ? segments[0] : segments[segments.length - 1];
  return name ? { accountId, name } : undefined;
}

export interface UserIdentity {
  accountId: string;
  /** The user's name, without its path. */
  name: string;
  /** The ARN it was read from. */
  arn: string;
}

/** The IAM user behind a GetCallerIdentity ARN (`arn:aws:iam::<id>:user/<path…>/<name>`); undefined for roles and root. */
export function userOfArn(arn: string | undefined): UserIdentity | undefined {
  const m = arn?.match(/^arn:aws[\w-]*:iam::(\d{12}):user\/(.+)$/);
  if (!m) return undefined;
  const name = m[2]!.split("/").pop();
  return name ? { accountId: m[1]!, name, arn: arn! } : undefined;
}
