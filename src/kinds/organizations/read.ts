// Reads the organization from the management account. Organizations throttles hard
// (a few calls per second), so the walk is budgeted: one ListOrganizationalUnitsForParent
// and one ListAccountsForParent per parent (every account has exactly one parent, so
// these also list every account: ListAccounts or ListParents-per-account would only add
// calls), and tags only for the units and accounts the desired state manages.
import {
  DescribeOrganizationCommand,
  paginateListAccountsForParent,
  paginateListCreateAccountStatus,
  paginateListOrganizationalUnitsForParent,
  paginateListRoots,
  paginateListTagsForResource,
  type Account,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { LiveAccount, LiveOrganization, LiveUnit } from "../../engine/types.js";
import type { Tags } from "../../model/types.js";
import { AdaptivePool, mapPool } from "../../aws/concurrency.js";

/** Organizations' maximum MaxResults for the list operations used here. */
const PAGE_SIZE = 20;

export interface OrganizationTagsWanted {
  /** Unit paths whose tags are read. */
  unitPaths: ReadonlySet<string>;
  /** Accounts whose tags are read, by id or by (lower-cased) email. */
  accountIds: ReadonlySet<string>;
  accountEmails: ReadonlySet<string>;
  /** Read the tags of every unit and account (import), whatever the sets say. */
  all?: boolean;
}

export interface Parent {
  id: string;
  /** null for the root. */
  path: string | null;
}

/**
 * `onListed` receives every account once the tree is walked, before the tag reads (one
 * call per account): callers waiting only for account ids by email can go on meanwhile.
 */
export async function readOrganization(
  client: OrganizationsClient,
  wanted: OrganizationTagsWanted,
  pool: AdaptivePool,
  onListed?: (accounts: readonly LiveAccount[]) => void,
): Promise<LiveOrganization> {
  const [org, rootId, pendingCreates] = await Promise.all([
    client.send(new DescribeOrganizationCommand({})).then((r) => r.Organization!),
    firstRootId(client),
    pendingAccountCreations(client),
  ]);

  const units: LiveUnit[] = [];
  const accounts: LiveAccount[] = [];
  // Breadth-first, one level of the tree at a time, siblings in parallel.
  for (let level: Parent[] = [{ id: rootId, path: null }]; level.length > 0; ) {
    const children = await mapPool(pool, level, async (parent) => {
      const [childUnits, childAccounts] = await Promise.all([
        unitsUnder(client, parent),
        accountsUnder(client, parent),
      ]);
      accounts.push(...childAccounts);
      return childUnits;
    });
    const next = children.flat();
    units.push(...next);
    level = next.map((u) => ({ id: u.id, path: u.path }));
  }
  onListed?.(accounts);

  const tagged: { tags: Tags; id: string }[] = [
    ...units.filter((u) => wanted.all || wanted.unitPaths.has(u.path)),
    ...accounts.filter((a) => wanted.all || wanted.accountIds.has(a.id) || wanted.accountEmails.has(a.email.toLowerCase())),
  ];
  await mapPool(pool, tagged, async (resource) => {
    resource.tags = await tagsOf(client, resource.id);
  });

  units.sort((a, b) => a.path.localeCompare(b.path));
  accounts.sort((a, b) => a.id.localeCompare(b.id));
  return { id: org.Id!, managementAccountId: org.MasterAccountId!, rootId, units, accounts, pendingCreates };
}

export async function firstRootId(client: OrganizationsClient): Promise<string> {
  for await (const page of paginateListRoots({ client, pageSize: PAGE_SIZE }, {})) {
    const root = page.Roots?.[0];
    if (root?.Id) return root.Id;
  }
  throw new Error("the organization has no root");
}

export async function unitsUnder(client: OrganizationsClient, parent: Parent): Promise<LiveUnit[]> {
  const out: LiveUnit[] = [];
  const pages = paginateListOrganizationalUnitsForParent({ client, pageSize: PAGE_SIZE }, { ParentId: parent.id });
  for await (const page of pages) {
    for (const ou of page.OrganizationalUnits ?? []) {
      const name = ou.Name!;
      out.push({ id: ou.Id!, name, path: parent.path ? `${parent.path}/${name}` : name, parentId: parent.id, tags: {} });
    }
  }
  return out;
}

async function accountsUnder(client: OrganizationsClient, parent: Parent): Promise<LiveAccount[]> {
  const out: LiveAccount[] = [];
  const pages = paginateListAccountsForParent({ client, pageSize: PAGE_SIZE }, { ParentId: parent.id });
  for await (const page of pages) for (const a of page.Accounts ?? []) out.push(liveAccount(a, parent));
  return out;
}

export function liveAccount(a: Account, parent: Parent): LiveAccount {
  return {
    id: a.Id!,
    name: a.Name ?? "",
    email: a.Email ?? "",
    // Status is deprecated in favour of State; older endpoints send only Status.
    status: a.State ?? a.Status ?? "",
    unit: parent.path,
    parentId: parent.id,
    tags: {},
  };
}

export async function tagsOf(client: OrganizationsClient, resourceId: string): Promise<Tags> {
  const tags: Tags = {};
  for await (const page of paginateListTagsForResource({ client }, { ResourceId: resourceId })) {
    for (const t of page.Tags ?? []) tags[t.Key!] = t.Value ?? "";
  }
  return tags;
}

export async function pendingAccountCreations(client: OrganizationsClient): Promise<LiveOrganization["pendingCreates"]> {
  const out: LiveOrganization["pendingCreates"] = [];
  const pages = paginateListCreateAccountStatus({ client, pageSize: PAGE_SIZE }, { States: ["IN_PROGRESS"] });
  for await (const page of pages) {
    for (const s of page.CreateAccountStatuses ?? []) {
      out.push({ id: s.Id!, accountName: s.AccountName ?? "", state: s.State ?? "IN_PROGRESS" });
    }
  }
  return out;
}
