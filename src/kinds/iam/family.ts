// The IAM family: roles (and the follow-ups completing their trusts), customer managed
// policies, OpenID Connect providers and groups in every account the desired state targets. An account is read only when a role
// or policy is targeted there or prune could delete one; one GetAccountAuthorizationDetails
// listing serves every IAM kind.
import type { KindFamily } from "../../engine/kind.js";
import { expandRoles } from "../../model/targets.js";
import type { DesiredState } from "../../model/types.js";
import { diffIam } from "./diff.js";
import { linkTrusts } from "./link.js";
import { newlyAttachedAwsPolicies, unknownAwsManagedPolicies } from "./managed-policy-check.js";
import { diffManagedPolicies, policiesByAccount } from "./managed-policy/diff.js";
import { managedPolicyKind } from "./managed-policy/kind.js";
import { linkPolicies } from "./managed-policy/link.js";
import { managedPoliciesFrom } from "./managed-policy/read.js";
import { resolvePolicyReference } from "./managed-policy/references.js";
import { readIamAccount } from "./read.js";
import { diffGroups, groupsByAccount } from "./group/diff.js";
import { groupKind } from "./group/kind.js";
import { groupsFrom } from "./group/read.js";
import { diffOidcProviders, providersByAccount } from "./oidc-provider/diff.js";
import { oidcProviderKind } from "./oidc-provider/kind.js";
import { linkProviders } from "./oidc-provider/link.js";
import { readOidcProviders } from "./oidc-provider/read.js";
import { resolveIamReference } from "./references.js";
import { roleTrustKind } from "./role-trust/kind.js";
import { roleKind } from "./role/kind.js";

export const iamFamily: KindFamily = {
  name: "iam",
  kinds: [roleKind, roleTrustKind, managedPolicyKind, oidcProviderKind, groupKind],
  reader(desired) {
    const roles = rolesByAccount(desired);
    const policies = policiesByAccount({ desired });
    // Policies are listed wherever some are declared, or prune could delete ours.
    const withPolicies = desired.policies.length > 0 || desired.settings.prune;
    const providers = providersByAccount({ desired });
    // Providers are read only where some are declared (and, with prune, wherever IAM is read while any are).
    const withProviders = desired.oidcProviders.length > 0;
    const groups = groupsByAccount({ desired });
    const withGroups = desired.groups.length > 0;
    const reads = (key: string) => desired.settings.prune || roles.has(key) || policies.has(key) || providers.has(key) || groups.has(key);
    return {
      reads,
      async read({ account, accountId, clients }) {
        const iam = await clients.iam(accountId);
        const found = await readIamAccount(iam, roles.get(account.key) ?? new Set<string>(), { policies: withPolicies, groups: withGroups });
        return {
          roles: found.roles,
          ...(withGroups ? groupsFrom(found.groups, found.users) : {}),
          ...(withPolicies ? { managedPolicies: await managedPoliciesFrom(iam, found.policies) } : {}),
          ...(withProviders ? { oidcProviders: await readOidcProviders(iam) } : {}),
        };
      },
    };
  },
  diff: (ctx) => {
    diffOidcProviders(ctx);
    diffManagedPolicies(ctx);
    diffIam(ctx, expandRoles(ctx.desired));
    diffGroups(ctx);
  },
  link: (changes, accountKeyOf) => {
    linkPolicies(changes);
    linkProviders(changes);
    linkTrusts(changes, accountKeyOf);
  },
  resolveReference: (ref, ctx) => resolveIamReference(ref, ctx) ?? resolvePolicyReference(ref, ctx),
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
