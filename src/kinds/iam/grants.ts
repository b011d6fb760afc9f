// The caller's side of grants (src/model/grants/) in the IAM diff: the reserved inline
// policy a role or group gets in one account, its `${role:…}` references resolved as every
// IAM reference is (an account still to be created keeps its placeholder), and the typed
// reason that shows the reader which trusts the permission comes from.
import type { DiffContext } from "../../engine/context.js";
import { canonicalJson } from "../../engine/canonical.js";
import type { Reason } from "../../engine/reasons.js";
import { callerKey, grantIndex, type CallerKind, type GrantedRole } from "../../model/grants/callers.js";
import { GRANTS_POLICY, withGrants } from "../../model/grants/policy.js";
import { substitute } from "../../model/references/substitute.js";
import type { PolicyDocument } from "../../model/types.js";
import { resolveIamReference } from "./references.js";

export interface Grants {
  /** The roles granted to this caller in this account. */
  of(kind: CallerKind, account: string, name: string): GrantedRole[];
  /** The spec with its grants policy, references resolved. */
  add<T extends { inlinePolicies: Record<string, PolicyDocument> }>(spec: T, roles: readonly GrantedRole[]): T;
}

export function grantsOf(ctx: DiffContext): Grants {
  const index = grantIndex(ctx.desired);
  return {
    of: (kind, account, name) => index.get(callerKey({ kind, account, name })) ?? [],
    add: (spec, roles) => withGrants(spec, roles, (doc) => substitute(doc, (ref) => resolveIamReference(ref, ctx)).value),
  };
}

/** The grant reason, when the change touches the grants policy and some grant stands. */
export function grantReasons(
  before: { inlinePolicies: Record<string, PolicyDocument> } | null,
  after: { inlinePolicies: Record<string, PolicyDocument> },
  roles: readonly GrantedRole[],
): Reason[] {
  if (roles.length === 0) return [];
  const same = canonicalJson(before?.inlinePolicies[GRANTS_POLICY] ?? null) === canonicalJson(after.inlinePolicies[GRANTS_POLICY] ?? null);
  return same ? [] : [{ kind: "grant", roles: roles.map((r) => ({ account: r.account, name: r.name })) }];
}
