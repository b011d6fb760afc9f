// Reads the live state the plan compares against: the organization (from the management
// account) and, in parallel, each account where some kind family has something to read
// (a role targeted there, an application, or anything prune could delete), each through
// a pool that backs off when its service throttles. Accounts without an id in the YAML
// are found by email in the organization's account listing. An account that cannot be
// read becomes an entry in `errors`; the others are still read. Generic over kinds: the
// families in the registry say what they read.
import type { AccountReadError, LiveAccount, LiveAccountState, LiveOrganization, LiveState } from "./types.js";
import type { AccountSpec, DesiredState } from "../model/types.js";
import { ClientFactory } from "../aws/clients.js";
import { AdaptivePool } from "../aws/concurrency.js";
import { describeAwsError } from "../aws/errors.js";
import { limitHeapGrowth } from "../runtime/heap-growth.js";
import { AccountAccessError, SessionBroker } from "../aws/session.js";
import type { AccountReader, KindRegistry } from "./kind.js";

export const DEFAULT_CONCURRENCY = 8;
/** Organizations allows only a few calls per second per account: keep its walk narrow. */
const ORGANIZATIONS_CONCURRENCY = 4;
const DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";
/** The services families read accounts with; Organizations is left alone (the management account's client reads the organization). */
const ACCOUNT_SERVICES = ["iam", "appconfig"] as const;

export interface ReadLiveOptions {
  kinds: KindRegistry;
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Read only these account keys (the organization is always read). */
  accounts?: string[];
  /** AWS access for this run; one on the default credential chain when absent. */
  clients?: ClientFactory;
  /** Tags read from Organizations (default: every desired unit and account); a scoped plan reads fewer. */
  organizationTags?: { units: boolean; accounts: ReadonlySet<string> };
  /** Skip the organization (a scoped plan without it, whose accounts all have ids in the YAML). */
  skipOrganization?: boolean;
  /** Read only these accounts (by id) from Organizations, each by itself, instead of listing every account. */
  organizationAccountIds?: ReadonlySet<string>;
}

export async function readLiveState(desired: DesiredState, opts: ReadLiveOptions): Promise<LiveState> {
  limitHeapGrowth();
  const selected = selectAccounts(desired.accounts, opts.accounts);
  const clients =
    opts.clients ?? new ClientFactory(new SessionBroker({ accessRole: desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE }));
  const pool = new AdaptivePool(opts.concurrency ?? DEFAULT_CONCURRENCY);
  const orgPool = new AdaptivePool(ORGANIZATIONS_CONCURRENCY);
  // Organizations has its own (organisation-wide) quota: its throttling says nothing about STS or IAM.
  const stopListening = clients.broker.counter.onThrottle((service) => (service === "organizations" ? orgPool : pool).throttled());
  const errors: AccountReadError[] = [];
  try {
    // The organization is read alongside the accounts: only accounts without an id in the
    // YAML wait, and only for the account listing, not for the per-account tag reads.
    const listing = deferred<readonly LiveAccount[] | undefined>();
    const organizationRead = (
      desired.organization && !opts.skipOrganization
        ? readOrg(desired, opts.kinds, clients, errors, opts, orgPool, listing.resolve)
        : Promise.resolve(undefined)
    ).finally(() => listing.resolve(undefined));
    const readers = opts.kinds.families.flatMap((f) => (f.reader ? [f.reader(desired)] : []));
    // Only what the desired state manages is read: an account no family reads costs no
    // AssumeRole and no call at all.
    const manages = (key: string) => readers.some((r) => r.reads(key));
    const reading = selected.filter((a) => manages(a.key));
    // An account not in the organization yet (to be created) has nothing to read: it leaves the total.
    let total = reading.length;
    let done = 0;
    opts.onProgress?.(0, total);
    const readOne = async (account: AccountSpec): Promise<LiveAccountState | undefined> => {
      if (!manages(account.key)) return undefined;
      const id = account.id ?? liveIdByEmail(await listing.promise, account.email);
      if (!id) {
        opts.onProgress?.(done, --total);
        return undefined;
      }
      return pool.run(async () => {
        try {
          return await readAccount(readers, account, id, clients);
        } catch (err) {
          errors.push({ account: account.key, accountId: id, message: accountErrorMessage(err) });
          return undefined;
        } finally {
          clients.release(id, ACCOUNT_SERVICES);
          opts.onProgress?.(++done, total);
        }
      });
    };
    const [organization, results] = await Promise.all([organizationRead, Promise.all(selected.map(readOne))]);
    const accounts: Record<string, LiveAccountState> = {};
    selected.forEach((account, i) => {
      const state = results[i];
      if (state) accounts[account.key] = state;
    });
    return {
      ...(organization ? { organization } : {}),
      accounts,
      errors: errors.sort((a, b) => a.account.localeCompare(b.account)),
      apiCalls: { ...clients.apiCalls },
    };
  } finally {
    stopListening();
    if (!opts.clients) clients.destroy();
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function selectAccounts(accounts: AccountSpec[], keys: string[] | undefined): AccountSpec[] {
  if (!keys) return accounts;
  const known = new Set(accounts.map((a) => a.key));
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length > 0) throw new Error(`unknown account key(s): ${unknown.join(", ")}`);
  const wanted = new Set(keys);
  return accounts.filter((a) => wanted.has(a.key));
}

async function readOrg(
  desired: DesiredState,
  kinds: KindRegistry,
  clients: ClientFactory,
  errors: AccountReadError[],
  { organizationTags: tags, organizationAccountIds: touched }: ReadLiveOptions,
  pool: AdaptivePool,
  onListed: (accounts: readonly LiveAccount[]) => void,
): Promise<LiveOrganization | undefined> {
  const managementId = desired.organization!.managementAccount;
  const family = kinds.families.find((f) => f.readOrganization);
  if (!family?.readOrganization) return undefined;
  try {
    return await family.readOrganization({ desired, clients, tags, touched, pool, onListed });
  } catch (err) {
    const key = desired.accounts.find((a) => a.id === managementId)?.key ?? "organization";
    errors.push({ account: key, accountId: managementId, message: `organization: ${accountErrorMessage(err)}` });
    return undefined;
  }
}

function liveIdByEmail(accounts: readonly LiveAccount[] | undefined, email: string): string | undefined {
  const wanted = email.toLowerCase();
  return accounts?.find((a) => a.email.toLowerCase() === wanted)?.id;
}

function accountErrorMessage(err: unknown): string {
  return err instanceof AccountAccessError ? err.message : describeAwsError(err);
}

/** Every family that reads this account, in parallel; their parts make the account's live state. */
async function readAccount(readers: AccountReader[], account: AccountSpec, accountId: string, clients: ClientFactory): Promise<LiveAccountState> {
  const parts = await Promise.all(readers.filter((r) => r.reads(account.key)).map((r) => r.read({ account, accountId, clients })));
  return Object.assign({ accountId }, ...parts);
}
