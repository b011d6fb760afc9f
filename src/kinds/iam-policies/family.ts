// The customer managed policy family: the policies the desired state declares, in every
// account their targets select (and, with prune, every account, to find our orphans).
import type { KindFamily } from "../../engine/kind.js";
import { diffManagedPolicies, policiesByAccount } from "./diff.js";
import { linkPolicies } from "./link.js";
import { managedPolicyKind } from "./managed-policy/kind.js";
import { readManagedPolicies } from "./read.js";
import { resolvePolicyReference } from "./references.js";

export const iamPoliciesFamily: KindFamily = {
  name: "iam-policies",
  kinds: [managedPolicyKind],
  reader(desired) {
    const byAccount = policiesByAccount({ desired });
    // With prune, every account: a policy dropped from the YAML must still be found to be deleted.
    const reads = (key: string) => desired.settings.prune || byAccount.has(key);
    return {
      reads,
      async read({ accountId, clients }) {
        return { managedPolicies: await readManagedPolicies(await clients.iam(accountId)) };
      },
    };
  },
  diff: diffManagedPolicies,
  link: linkPolicies,
  resolveReference: resolvePolicyReference,
};
