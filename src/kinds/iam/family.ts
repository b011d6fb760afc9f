// The IAM family: roles (and the follow-ups completing their trusts) in every account the
// desired state targets. An account is read only when a role is targeted there or prune
// could delete one; one read serves every IAM kind.
import type { KindFamily } from "../../engine/kind.js";
import { expandRoles } from "../../model/targets.js";
import type { DesiredState } from "../../model/types.js";
import { diffIam } from "./diff.js";
import { linkTrusts } from "./link.js";
import { newlyAttachedAwsPolicies, unknownAwsManagedPolicies } from "./managed-policy-check.js";
import { readRoles } from "./read.js";
import { resolveIamReference } from "./references.js";
import { roleTrustKind } from "./role-trust/kind.js";
import { roleKind } from "./role/kind.js";

export const iamFamily: KindFamily = {
  name: "iam",
  kinds: [roleKind, roleTrustKind],
  reader(desired) {
    const roles = rolesByAccount(desired);
    const reads = (key: string) => desired.settings.prune || roles.has(key);
    return {
      reads,
      async read({ account, accountId, clients }) {
        return { roles: await readRoles(await clients.iam(accountId), roles.get(account.key) ?? new Set<string>()) };
      },
    };
  },
  diff: (ctx) => diffIam(ctx, expandRoles(ctx.desired)),
  link: linkTrusts,
  resolveReference: resolveIamReference,
  // Only policies the plan would newly attach can be misspelt ones: in a converged
  // organization this costs no call at all.
  async recheck(plan, clients) {
    const unknown = await unknownAwsManagedPolicies(newlyAttachedAwsPolicies(plan.changes), clients);
    return unknown.length === 0 ? undefined : { unknownManagedPolicies: unknown };
  },
};

function rolesByAccount(desired: DesiredState): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const { account, role } of expandRoles(desired)) out.set(account.key, (out.get(account.key) ?? new Set()).add(role.name));
  return out;
}
