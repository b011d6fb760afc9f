// Reads the organization for a few accounts only: the unit tree in full (a handful of
// calls), but each wanted account by itself (DescribeAccount, ListParents and its tags)
// instead of listing every account under every parent. Applying one tag change in a
// 1,000-account organization then costs about a dozen Organizations calls, not eighty
// (listing is a page of 20 accounts per call, at the organisation-wide rate).
import {
  AccountNotFoundException,
  ChildNotFoundException,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListParentsCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { LiveAccount, LiveOrganization, LiveUnit } from "../../engine/types.js";
import { mapPool, type AdaptivePool } from "../../aws/concurrency.js";
import { firstRootId, liveAccount, pendingAccountCreations, tagsOf, unitsUnder, type Parent } from "./read.js";

/**
 * The organization with its units (and their tags when `unitTags`) and only the accounts
 * in `accountIds` (an id that is not a member is left out, as a listing would leave it).
 */
export async function readTouchedAccounts(
  client: OrganizationsClient,
  accountIds: ReadonlySet<string>,
  unitTags: boolean,
  pool: AdaptivePool,
): Promise<LiveOrganization> {
  const [org, rootId, pendingCreates] = await Promise.all([
    client.send(new DescribeOrganizationCommand({})).then((r) => r.Organization!),
    firstRootId(client),
    pendingAccountCreations(client),
  ]);
  const units: LiveUnit[] = [];
  for (let level: Parent[] = [{ id: rootId, path: null }]; level.length > 0; ) {
    const next = (await mapPool(pool, level, (parent) => unitsUnder(client, parent))).flat();
    units.push(...next);
    level = next.map((u) => ({ id: u.id, path: u.path }));
  }
  const parents = new Map<string, Parent>([[rootId, { id: rootId, path: null }], ...units.map((u): [string, Parent] => [u.id, { id: u.id, path: u.path }])]);
  const found = await mapPool(pool, [...accountIds], (id) => touchedAccount(client, id, parents));
  const accounts = found.filter((a): a is LiveAccount => a !== undefined);
  await mapPool(pool, [...(unitTags ? units : []), ...accounts], async (resource) => {
    resource.tags = await tagsOf(client, resource.id);
  });
  units.sort((a, b) => a.path.localeCompare(b.path));
  accounts.sort((a, b) => a.id.localeCompare(b.id));
  return { id: org.Id!, managementAccountId: org.MasterAccountId!, rootId, units, accounts, pendingCreates };
}

async function touchedAccount(client: OrganizationsClient, id: string, parents: ReadonlyMap<string, Parent>): Promise<LiveAccount | undefined> {
  try {
    const [described, listed] = await Promise.all([
      client.send(new DescribeAccountCommand({ AccountId: id })),
      client.send(new ListParentsCommand({ ChildId: id })),
    ]);
    const parent = parents.get(listed.Parents?.[0]?.Id ?? "");
    if (!described.Account || !parent) return undefined;
    return liveAccount(described.Account, parent);
  } catch (err) {
    // Not a member (any more): absent, as it would be from a listing.
    if (err instanceof AccountNotFoundException || err instanceof ChildNotFoundException) return undefined;
    throw err;
  }
}
