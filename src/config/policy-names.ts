// Managed policies are named in the YAML as AWS writes them (an ARN, or an AWS managed
// policy's bare name) or by the name of a policy the desired state declares. Once every
// declared policy is known, a declared name becomes `${policy:<name>}`, the reference to that
// policy in the account the role or group is in; other names expand to AWS managed ARNs.
import { managedPolicyArn } from "../model/managed-policies.js";
import type { DesiredState } from "../model/types.js";

type Specs = Pick<DesiredState, "roles" | "groups" | "policies">;

/** One entry of `managedPolicies` or a `permissionsBoundary`, resolved. */
export function policyRef(raw: string, declared: ReadonlyMap<string, string>): string {
  if (raw.startsWith("arn:") || raw.startsWith("${")) return raw;
  const own = declared.get(raw.toLowerCase());
  return own !== undefined ? `\${policy:${own}}` : managedPolicyArn(raw);
}

/** Rewrites the state's roles and groups in place (their specs were just built). */
export function resolvePolicyNames(state: Specs): void {
  const declared = new Map(state.policies.map((p) => [p.name.toLowerCase(), p.name]));
  for (const holder of [...state.roles, ...state.groups]) holder.managedPolicies = holder.managedPolicies.map((m) => policyRef(m, declared));
  for (const role of state.roles) if (role.permissionsBoundary !== undefined) role.permissionsBoundary = policyRef(role.permissionsBoundary, declared);
}
