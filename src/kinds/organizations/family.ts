// The Organizations family: units and accounts, read once from the management account
// (tags only for what the desired state manages, or what a scoped plan covers), and the
// organization's policies, trusted services and delegated administrators when the desired
// state declares any.
import type { KindFamily } from "../../engine/kind.js";
import { accountKind } from "./account/kind.js";
import { diffOrganization } from "./diff.js";
import { readOrganization } from "./read.js";
import { readTouchedAccounts } from "./read-touched.js";
import { unitKind } from "./unit/kind.js";
import { delegatedAdminKind, orgPolicyAttachmentKind, orgPolicyKind, policyTypeKind, trustedServiceKind } from "./policies/kinds.js";
import { diffOrgPolicyChanges } from "./policies/diff.js";
import { readOrgPolicies } from "./policies/read.js";
import { desiredPolicyTypes } from "../../model/org-policy/spec.js";

export const organizationsFamily: KindFamily = {
  name: "organizations",
  kinds: [unitKind, accountKind, policyTypeKind, orgPolicyKind, orgPolicyAttachmentKind, trustedServiceKind, delegatedAdminKind],
  async readOrganization({ desired, clients, tags, touched, pool, onListed }) {
    const organization = desired.organization;
    if (!organization) throw new Error("the desired state has no organization");
    const tagged = tags ? desired.accounts.filter((a) => tags.accounts.has(a.key)) : desired.accounts;
    const client = await clients.organizations(organization.managementAccount);
    const wanted = {
      unitPaths: new Set(tags && !tags.units ? [] : organization.units.map((u) => u.path)),
      accountIds: new Set(tagged.flatMap((a) => (a.id ? [a.id] : []))),
      accountEmails: new Set(tagged.map((a) => a.email.toLowerCase())),
    };
    // A scoped re-read of a few accounts reads each of them instead of listing them all.
    const read = touched ? readTouchedAccounts(client, touched, !tags || tags.units, pool) : readOrganization(client, wanted, pool, onListed);
    const [live, policies] = await Promise.all([read, organization.policies ? readOrgPolicies(client, pool, desiredPolicyTypes(organization.policies)) : undefined]);
    return policies ? { ...live, policies } : live;
  },
  diff(ctx) {
    diffOrganization(ctx);
    diffOrgPolicyChanges(ctx);
  },
};
