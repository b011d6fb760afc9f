// Reads what import turns into YAML: the whole organization (every unit and account, with
// tags), then every role, customer managed policy, group (with its members) and OpenID
// Connect provider and, on request, every AppConfig application in the selected
// accounts. Reuses the plan's readers in their read-everything mode.
import type { LiveAccount, LiveOrganization } from "../engine/types.js";
import type { LiveApplication } from "../kinds/appconfig/live.js";
import type { LiveRole } from "../kinds/iam/live.js";
import type { ClientFactory } from "../aws/clients.js";
import { AdaptivePool, mapPool } from "../aws/concurrency.js";
import { describeAwsError } from "../aws/errors.js";
import { AccountAccessError } from "../aws/session.js";
import { readAppConfig } from "../kinds/appconfig/read.js";
import { readIamAccount } from "../kinds/iam/read.js";
import { groupsFrom } from "../kinds/iam/group/read.js";
import type { LiveGroup } from "../kinds/iam/group/live.js";
import type { LiveManagedPolicy } from "../kinds/iam/managed-policy/live.js";
import type { LiveOidcProvider } from "../kinds/iam/oidc-provider/live.js";
import { readOidcProviders } from "../kinds/iam/oidc-provider/read.js";
import { managedPoliciesFrom } from "../kinds/iam/managed-policy/read.js";
import { readOrganization } from "../kinds/organizations/read.js";
import { readOrgPolicies } from "../kinds/organizations/policies/read.js";
import type { LiveOrgPolicies } from "../model/org-policy/live.js";

const CONCURRENCY = 8;
/** Organizations throttles hard: keep its walk narrow (as the plan does). */
const ORGANIZATIONS_CONCURRENCY = 4;

export interface ImportRead {
  /** ARN of the credentials import ran with. */
  callerArn: string;
  organization: LiveOrganization;
  /** The organization's policies (enabled types only), trusted services and delegated administrators. */
  policies: LiveOrgPolicies;
  /** Selected accounts that were read, in organization order. */
  accounts: {
    account: LiveAccount;
    roles: Record<string, LiveRole>;
    /** Customer managed policies by name. */
    policies: Record<string, LiveManagedPolicy>;
    /** Groups by name, with their members. */
    groups: Record<string, LiveGroup>;
    /** OpenID Connect providers by URL (host[/path]). */
    oidcProviders: Record<string, LiveOidcProvider>;
    applications: Record<string, Record<string, LiveApplication>>;
  }[];
  /** Accounts that could not be read, and why. */
  skipped: { account: LiveAccount; reason: string }[];
}

export interface ImportReadOptions {
  /** Ids of the accounts whose roles and applications to read (the organization is always read whole). */
  select: (org: LiveOrganization) => ReadonlySet<string>;
  /** Regions whose AppConfig applications are read (none when absent). */
  appconfigRegions?: string[];
}

export async function readForImport(clients: ClientFactory, opts: ImportReadOptions): Promise<ImportRead> {
  const caller = await clients.broker.callerIdentity();
  const orgClient = await clients.organizations(caller.account);
  const organization = await readOrganization(
    orgClient,
    { unitPaths: new Set(), accountIds: new Set(), accountEmails: new Set(), all: true },
    new AdaptivePool(ORGANIZATIONS_CONCURRENCY),
  ).catch((err: unknown) => {
    throw new Error(`cannot read the organization with the caller's credentials (account ${caller.account}): ${describeAwsError(err)}`);
  });

  const policies = await readOrgPolicies(orgClient, new AdaptivePool(ORGANIZATIONS_CONCURRENCY)).catch((err: unknown) => {
    throw new Error(`cannot read the organization's policies (account ${caller.account}): ${describeAwsError(err)}`);
  });

  const skipped: ImportRead["skipped"] = [];
  const ids = opts.select(organization);
  const selected = organization.accounts.filter((a) => {
    if (!ids.has(a.id)) return false;
    if (a.status !== "ACTIVE") skipped.push({ account: a, reason: `status ${a.status}` });
    return a.status === "ACTIVE";
  });
  const results = await mapPool(new AdaptivePool(CONCURRENCY), selected, async (account) => {
    try {
      const [iam, applications] = await Promise.all([readIam(clients, account.id), readRegions(clients, account.id, opts.appconfigRegions ?? [])]);
      return { account, ...iam, applications };
    } catch (err) {
      skipped.push({ account, reason: err instanceof AccountAccessError ? err.message : describeAwsError(err) });
      return undefined;
    }
  });
  return { callerArn: caller.arn, organization, policies, accounts: results.filter((r) => r !== undefined), skipped };
}

type IamRead = Pick<ImportRead["accounts"][number], "roles" | "policies" | "groups" | "oidcProviders">;

/** Every role, customer managed policy and group of the account from one authorization-details listing, and its OIDC providers. */
async function readIam(clients: ClientFactory, accountId: string): Promise<IamRead> {
  const iam = await clients.iam(accountId);
  const [found, oidcProviders] = await Promise.all([readIamAccount(iam, "all", { policies: true, groups: true }), readOidcProviders(iam)]);
  return { roles: found.roles, policies: await managedPoliciesFrom(iam, found.policies), groups: groupsFrom(found.groups, found.users).groups, oidcProviders };
}

/** Region → applications by name. */
async function readRegions(clients: ClientFactory, accountId: string, regions: string[]): Promise<Record<string, Record<string, LiveApplication>>> {
  const read = await Promise.all(regions.map(async (region) => [region, await readApplications(clients, accountId, region)] as const));
  return Object.fromEntries(read);
}

async function readApplications(clients: ClientFactory, accountId: string, region: string): Promise<Record<string, LiveApplication>> {
  const client = await clients.appconfig(accountId, region);
  const read = await readAppConfig(client, { accountId, region }, new Map(), { all: true });
  // Import cannot write one application for a name two of them use: the account is skipped, saying why.
  const clash = Object.values(read.nameClashes)[0];
  if (clash !== undefined) throw new Error(clash);
  return read.applications;
}
