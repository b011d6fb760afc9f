// The ARN of a customer managed policy the desired state declares, in one account: its
// declared spelling and path, around the account's id (or `${account:<key>}` placeholder).
// Roles and groups name such a policy as `${policy:<name>}` (their own account) or
// `${policy:<account>/<name>}`; this is what both stand for.
import type { PolicySpec } from "./iam-types.js";

export function declaredPolicyArn(policies: readonly PolicySpec[], name: string, accountId: string): string | undefined {
  const spec = policies.find((p) => p.name.toLowerCase() === name.toLowerCase());
  return spec && `arn:aws:iam::${accountId}:policy${spec.path}${spec.name}`;
}
