// The Organizations family: units and accounts, read once from the management account
// (tags only for what the desired state manages, or what a scoped plan covers).
import type { KindFamily } from "../../engine/kind.js";
import { accountKind } from "./account/kind.js";
import { diffOrganization } from "./diff.js";
import { readOrganization } from "./read.js";
import { unitKind } from "./unit/kind.js";

export const organizationsFamily: KindFamily = {
  name: "organizations",
  kinds: [unitKind, accountKind],
  async readOrganization({ desired, clients, tags, pool, onListed }) {
    const organization = desired.organization;
    if (!organization) throw new Error("the desired state has no organization");
    const tagged = tags ? desired.accounts.filter((a) => tags.accounts.has(a.key)) : desired.accounts;
    const client = await clients.organizations(organization.managementAccount);
    return readOrganization(
      client,
      {
        unitPaths: new Set(tags && !tags.units ? [] : organization.units.map((u) => u.path)),
        accountIds: new Set(tagged.flatMap((a) => (a.id ? [a.id] : []))),
        accountEmails: new Set(tagged.map((a) => a.email.toLowerCase())),
      },
      pool,
      onListed,
    );
  },
  diff: diffOrganization,
};
