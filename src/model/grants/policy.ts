// The caller's side of a grant as desired state: one inline policy, reserved for orgctl,
// naming each granted role by its `${role:<account>/<name>}` reference. It is ordinary
// inline-policy content, so diff, drift, ordering and removal are the ones every inline
// policy gets; an account still to be created resolves like any reference does.
import { formatReference } from "../references/grammar.js";
import type { PolicyDocument } from "../types.js";
import type { GrantedRole } from "./callers.js";

/** The inline policy name orgctl writes grants under; the YAML may not declare it. */
export const GRANTS_POLICY = "orgctl-grants";

/** The grants policy for these roles, or undefined when there are none (the policy is then removed). */
export function grantPolicy(roles: readonly GrantedRole[]): PolicyDocument | undefined {
  if (roles.length === 0) return undefined;
  const resources = roles.map((r) => formatReference({ kind: "role", account: r.account, name: r.name }));
  return { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: resources }] };
}

/** The spec with its grants policy added (as it stands in one account). */
export function withGrants<T extends { inlinePolicies: Record<string, PolicyDocument> }>(
  spec: T,
  roles: readonly GrantedRole[],
  resolve: (doc: PolicyDocument) => PolicyDocument = (doc) => doc,
): T {
  const made = grantPolicy(roles);
  const doc = made && resolve(made);
  return doc === undefined ? spec : { ...spec, inlinePolicies: { ...spec.inlinePolicies, [GRANTS_POLICY]: doc } };
}
