// Validate rules for grants (src/model/grants/): `grant: true` reaches only callers this
// desired state manages, a group can be trusted only through a grant, the reserved inline
// policy is orgctl's, and the caller's inline policies stay within IAM's size limit once
// the grants policy is added (else apply fails at PutRolePolicy, after other changes ran).
import { normalizePolicy } from "../engine/policy.js";
import { declaresGroup, grantIndex } from "../model/grants/callers.js";
import { GRANTS_POLICY, grantPolicy } from "../model/grants/policy.js";
import { substitute } from "../model/references/substitute.js";
import { accountKeyOf, expandRoles, targetAccounts } from "../model/targets.js";
import type { GroupSpec, RoleSpec } from "../model/types.js";
import { errorAt, originOf, type CheckContext } from "./check-context.js";
import { MAX_GROUP_INLINE } from "./iam-resource-rules.js";
import { MAX_INLINE_TOTAL, policySize } from "./iam-rules.js";
import { at as label } from "./path-label.js";


export function checkGrants(ctx: CheckContext): void {
  const { state } = ctx;
  for (const spec of [...state.roles, ...state.groups]) {
    for (const name of Object.keys(spec.inlinePolicies)) {
      if (name.toLowerCase() !== GRANTS_POLICY) continue;
      const at = originOf(ctx, spec, "inlinePolicies", name);
      errorAt(ctx, at, label(at.path, `"${GRANTS_POLICY}" is reserved: orgctl writes the grants of trusts with grant: true there`), true);
    }
  }
  // A state that lost parts to schema errors cannot say what is declared.
  if (ctx.incomplete.size > 0) return;
  for (const role of state.roles) checkTrust(ctx, role);
  checkSizes(ctx);
}

function checkTrust(ctx: CheckContext, role: RoleSpec): void {
  const trust = role.trust;
  if (!trust) return;
  const err = (path: (string | number)[], msg: string) => {
    const at = originOf(ctx, role, "trust", ...path);
    errorAt(ctx, at, label(at.path, msg));
  };
  const groups = trust.groups ?? [];
  if (!trust.grant) {
    if (groups.length > 0)
      err(["groups"], "IAM cannot trust a group: trust.groups needs grant: true (the role trusts the group's account, and the grant gives sts:AssumeRole to the group alone)");
    return;
  }
  if (trust.roles.length + groups.length === 0) err(["grant"], "grant: true gives the roles and groups this trust names sts:AssumeRole, and it names none (trust.roles, trust.groups)");
  trust.roles.forEach((entry, i) => {
    if (entry.startsWith("arn:")) err(["roles", i], `grant: true reaches only roles this desired state declares; "${entry}" is not one (name it "<account>/<role>", or give it sts:AssumeRole where it is managed)`);
    else {
      const account = entry.split("/")[0] ?? "";
      // An undeclared role in a declared account is reported by the reference rules.
      if (accountKeyOf(ctx.state, account) === undefined)
        err(["roles", i], `grant: true reaches only roles this desired state declares; account "${account}" is not in accounts:`);
    }
  });
  groups.forEach((entry, i) => {
    const [ref, name, ...rest] = entry.split("/");
    if (!ref || !name || rest.length > 0) return err(["groups", i], `"${entry}" must be "<account>/<group name>"`);
    const account = accountKeyOf(ctx.state, ref);
    if (account === undefined) return err(["groups", i], `unknown account "${ref}"`);
    if (!declaresGroup(ctx.state, account, name)) err(["groups", i], `no group "${name}" is declared for account "${ref}"`);
  });
}

/** Each caller's inline policies with its grants policy, per account, against IAM's limit for its kind. */
function checkSizes(ctx: CheckContext): void {
  const { state } = ctx;
  const index = grantIndex(state);
  // All ids are 12 digits: an account still to be created gets one of its own (ARNs in two
  // accounts stay two ARNs when the document is put in its canonical form, as it is sent).
  const ids = new Map(state.accounts.map((a, i) => [a.key, a.id ?? String(i).padStart(12, "0")]));
  const idOf = (key: string) => ids.get(key) ?? "000000000000";
  const pathOf = new Map(expandRoles(state).map(({ account, role }) => [`${account.key}/${role.name.toLowerCase()}`, role.path]));
  const holders: { kind: "role" | "group"; spec: RoleSpec | GroupSpec; limit: number }[] = [
    ...state.roles.map((spec) => ({ kind: "role" as const, spec, limit: MAX_INLINE_TOTAL })),
    ...state.groups.map((spec) => ({ kind: "group" as const, spec, limit: MAX_GROUP_INLINE })),
  ];
  for (const { kind, spec, limit } of holders) {
    // IAM counts what is sent: the canonical form, where every Action and Resource is a list.
    const own = Object.values(spec.inlinePolicies).reduce((sum, doc) => sum + policySize(normalizePolicy(doc)), 0);
    // Too large without grants is reported by the role and group rules.
    if (own > limit) continue;
    for (const account of targetAccounts(state.accounts, spec.targets)) {
      const granted = index.get(`${kind}:${account.key}/${spec.name.toLowerCase()}`) ?? [];
      const doc = grantPolicy(granted);
      if (!doc) continue;
      // Paths lengthen ARNs: count the one each granted role is declared with.
      const withPaths = substitute(doc, (ref) => (ref.kind === "role" ? `arn:aws:iam::${idOf(ref.account)}:role${pathOf.get(`${ref.account}/${ref.name.toLowerCase()}`) ?? "/"}${ref.name}` : undefined)).value;
      const total = own + policySize(normalizePolicy(withPaths));
      if (total <= limit) continue;
      const at = originOf(ctx, spec, "name");
      errorAt(
        ctx,
        at,
        label(at.path, `${kind} "${spec.name}" in account ${account.key}: with ${GRANTS_POLICY} (sts:AssumeRole on ${granted.length} roles whose trust grants it) its inline policies total ${total} characters; IAM allows ${limit} per ${kind} (white space not counted)`),
      );
      break;
    }
  }
}
