// Organizations operations, all made from the management account: units (parents
// first, by dependency), account creation (asynchronous: poll until it settles, with a
// deadline), moves and tags. Accounts are closed only with --allow-close-accounts; units
// never deleted. CreateAccount is not idempotent: it is sent once, and a retry first looks
// for the creation its lost answer started (by name in progress, or the account by email).
import {
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  DescribeCreateAccountStatusCommand,
  ListParentsCommand,
  MoveAccountCommand,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListAccounts,
  paginateListCreateAccountStatus,
  paginateListTagsForResource,
  type CreateAccountStatus,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { pollUntil } from "../../aws/retry/deadline.js";
import { sendOnce } from "../../aws/retry/send-once.js";
import { hasCode } from "../../aws/retry/transient.js";
import type { ApplyContext } from "../../engine/operation.js";
import type { OperationOutcome } from "../../engine/operation.js";
import type { AccountResource } from "./account/resource.js";
import type { UnitResource } from "./unit/resource.js";
import type { ResourceKind } from "../../engine/kind.js";
import type { ChangeOf } from "../../engine/types.js";
import type { Tags } from "../../model/types.js";
import { UnitDirectory } from "./unit-directory.js";

/** AWS creates an account in minutes; past this, apply stops waiting (the request goes on). */
export const ACCOUNT_CREATION_DEADLINE_MS = 30 * 60_000;

const directories = new WeakMap<OrganizationsClient, UnitDirectory>();

interface Organizations {
  client: OrganizationsClient;
  directory: UnitDirectory;
}

/** Organizations calls go to the management account; one unit directory per client. */
async function organizations(ctx: ApplyContext): Promise<Organizations> {
  const client = await ctx.clients.organizations(ctx.managementAccountId);
  let directory = directories.get(client);
  if (!directory) directories.set(client, (directory = new UnitDirectory(client)));
  return { client, directory };
}

function wanted<T>(value: T | null, change: { address: string }): T {
  if (value === null) throw new Error(`${change.address}: the change has no desired resource`);
  return value;
}

export const unitOperations: ResourceKind<"unit">["operations"] = {
  // Unit names are unique under a parent: a lost answer's repeat meets
  // DuplicateOrganizationalUnit, and the earlier effect is the unit found by path.
  create: {
    idempotent: false,
    run: async (change, ctx) => {
      const { client, directory } = await organizations(ctx);
      return createUnit(client, directory, wanted(change.after, change));
    },
    findEarlierEffect: async (change, ctx) => {
      const { client, directory } = await organizations(ctx);
      const unit = wanted(change.after, change);
      const id = await directory.idOf(unit.path);
      if (!id) return undefined;
      await convergeTags(client, id, unit.tags);
      return {};
    },
  },
  update: {
    idempotent: true,
    run: async (change, ctx) => {
      const { client, directory } = await organizations(ctx);
      const unit = wanted(change.after, change);
      return convergeTags(client, await directory.require(unit.path), unit.tags);
    },
  },
};

export const accountOperations: ResourceKind<"account">["operations"] = {
  // CreateAccount is sent once (sendOnce); what a lost answer started is a creation in
  // progress under the account's name, or the account itself, found by email.
  create: {
    idempotent: false,
    run: async (change, ctx) => {
      const { client, directory } = await organizations(ctx);
      return createAccount(client, directory, wanted(change.after, change), ctx);
    },
    findEarlierEffect: async (change, ctx) => {
      const { client, directory } = await organizations(ctx);
      const account = wanted(change.after, change);
      const status = await earlierCreation(client, account);
      return status ? { outcome: await finishCreation(client, directory, status, account, ctx) } : undefined;
    },
  },
  update: {
    idempotent: true,
    run: async (change, ctx) => {
      const { client, directory } = await organizations(ctx);
      return updateAccount(client, directory, wanted(change.after, change));
    },
  },
  delete: {
    idempotent: true,
    run: async (change, ctx) => closeAccount((await organizations(ctx)).client, change, ctx),
  },
};

async function createUnit(client: OrganizationsClient, directory: UnitDirectory, unit: UnitResource): Promise<void> {
  const existing = await directory.idOf(unit.path);
  if (existing) return convergeTags(client, existing, unit.tags);
  const ParentId = await directory.require(unit.parent);
  try {
    const out = await client.send(new CreateOrganizationalUnitCommand({ ParentId, Name: unit.name, Tags: tagList(unit.tags) }));
    directory.remember(unit.path, out.OrganizationalUnit!.Id!);
  } catch (err) {
    if (!hasCode(err, "DuplicateOrganizationalUnit")) throw err;
    // Created meanwhile (an earlier attempt whose answer was lost): make its tags right.
    await convergeTags(client, await directory.require(unit.path), unit.tags);
  }
}

async function createAccount(
  client: OrganizationsClient,
  directory: UnitDirectory,
  account: AccountResource,
  ctx: ApplyContext,
): Promise<OperationOutcome> {
  // An interrupted run may have left the request running: follow it rather than asking twice.
  let status = await creationInProgress(client, account);
  if (!status) {
    const once = await ctx.clients.once.organizations(ctx.managementAccountId);
    status = await sendOnce({
      send: async () => (await once.send(new CreateAccountCommand({ AccountName: account.name, Email: account.email, Tags: tagList(account.tags) }))).CreateAccountStatus!,
      find: () => earlierCreation(client, account),
      onResend: (failure) => ctx.progress(`creating account ${account.key}: ${failure} and no creation under way; sending again`),
    });
  }
  return finishCreation(client, directory, status, account, ctx);
}

/** From a creation request (new or found): wait for the account, then place and tag it. */
async function finishCreation(
  client: OrganizationsClient,
  directory: UnitDirectory,
  status: CreateAccountStatus,
  account: AccountResource,
  ctx: ApplyContext,
): Promise<OperationOutcome> {
  const accountId = await waitForCreation(client, status, account, ctx);
  if (account.unit !== null) await moveAccount(client, accountId, await directory.require(account.unit));
  await convergeTags(client, accountId, account.tags);
  return { createdAccountId: accountId };
}

async function creationInProgress(client: OrganizationsClient, account: AccountResource): Promise<CreateAccountStatus | undefined> {
  for await (const page of paginateListCreateAccountStatus({ client }, { States: ["IN_PROGRESS"] })) {
    const found = page.CreateAccountStatuses?.find((s) => s.AccountName === account.name);
    if (found) return found;
  }
  return undefined;
}

/**
 * After a CreateAccount of this operation failed: the creation it may have started, in
 * progress under its name, or already done (the account, found by email: Organizations
 * keeps emails unique). Not used before the first send: an account that appeared since the
 * plan is not silently taken over.
 */
async function earlierCreation(client: OrganizationsClient, account: AccountResource): Promise<CreateAccountStatus | undefined> {
  const running = await creationInProgress(client, account);
  if (running) return running;
  const id = await accountIdByEmail(client, account.email);
  return id ? { State: "SUCCEEDED", AccountId: id, AccountName: account.name } : undefined;
}

async function accountIdByEmail(client: OrganizationsClient, email: string): Promise<string | undefined> {
  const wanted = email.toLowerCase();
  for await (const page of paginateListAccounts({ client }, {})) {
    const found = page.Accounts?.find((a) => a.Email?.toLowerCase() === wanted);
    if (found) return found.Id;
  }
  return undefined;
}

async function waitForCreation(
  client: OrganizationsClient,
  first: CreateAccountStatus,
  account: AccountResource,
  ctx: ApplyContext,
): Promise<string> {
  const started = Date.now();
  let status = first;
  if (status.State === "IN_PROGRESS") {
    status = await pollUntil({
      what: `account ${account.key} (${account.email}) to be created (request ${first.Id})`,
      deadlineMs: ACCOUNT_CREATION_DEADLINE_MS,
      hint: "the request goes on in Organizations: run apply again to follow it",
      // Organizations allows about one DescribeCreateAccountStatus per second: back off.
      maxDelayMs: 10_000,
      check: async () => {
        ctx.progress(`creating account ${account.key} (${account.email}): ${status.State} after ${Math.round((Date.now() - started) / 1000)}s`);
        const out = await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: first.Id! }));
        status = out.CreateAccountStatus!;
        return status.State === "IN_PROGRESS" ? { done: false, state: "IN_PROGRESS" } : { done: true, value: status };
      },
    });
  }
  if (status.State === "FAILED" && status.FailureReason === "EMAIL_ALREADY_EXISTS") {
    // A second request for an account the first (whose answer was lost) already created.
    const id = await accountIdByEmail(client, account.email);
    if (id) {
      ctx.progress(`account ${account.key}: ${account.email} already belongs to ${id} in this organization (most likely created by an earlier request whose answer was lost); continuing with it`);
      return id;
    }
  }
  if (status.State !== "SUCCEEDED" || !status.AccountId) {
    throw new Error(`account ${account.key} was not created: ${status.State} (${status.FailureReason ?? "no reason given"})`);
  }
  ctx.progress(`created account ${account.key}: ${status.AccountId}`);
  return status.AccountId;
}

async function updateAccount(client: OrganizationsClient, directory: UnitDirectory, account: AccountResource): Promise<void> {
  if (!account.id) throw new Error(`account ${account.key} has no id`);
  await moveAccount(client, account.id, await directory.require(account.unit));
  await convergeTags(client, account.id, account.tags);
}

async function moveAccount(client: OrganizationsClient, AccountId: string, DestinationParentId: string): Promise<void> {
  const parents = await client.send(new ListParentsCommand({ ChildId: AccountId }));
  const SourceParentId = parents.Parents?.[0]?.Id;
  if (!SourceParentId || SourceParentId === DestinationParentId) return;
  try {
    await client.send(new MoveAccountCommand({ AccountId, SourceParentId, DestinationParentId }));
  } catch (err) {
    if (!hasCode(err, "DuplicateAccount")) throw err;
  }
}

async function closeAccount(client: OrganizationsClient, change: ChangeOf<"account">, ctx: ApplyContext): Promise<void> {
  const before = change.before;
  if (!ctx.allowCloseAccounts) throw new Error(`refusing to close account ${change.name}: pass --allow-close-accounts`);
  if (!before?.id) throw new Error(`account ${change.name} has no id`);
  try {
    await client.send(new CloseAccountCommand({ AccountId: before.id }));
  } catch (err) {
    if (!hasCode(err, "AccountAlreadyClosed")) throw err;
  }
}

/** Makes the resource carry exactly `tags`. */
async function convergeTags(client: OrganizationsClient, ResourceId: string, tags: Tags): Promise<void> {
  const current: Tags = {};
  for await (const page of paginateListTagsForResource({ client }, { ResourceId })) {
    for (const t of page.Tags ?? []) current[t.Key!] = t.Value ?? "";
  }
  const changed = Object.entries(tags).filter(([k, v]) => current[k] !== v);
  if (changed.length > 0) await client.send(new TagResourceCommand({ ResourceId, Tags: tagList(Object.fromEntries(changed)) }));
  const removed = Object.keys(current).filter((k) => !(k in tags));
  if (removed.length > 0) await client.send(new UntagResourceCommand({ ResourceId, TagKeys: removed }));
}

function tagList(tags: Tags): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
