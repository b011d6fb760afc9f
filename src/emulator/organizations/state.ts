// The one organization the emulator holds. Organizations is global, so its state hangs off
// the world itself (not an account slot); a WeakMap keeps the World contract unchanged.
import type { World } from "../types.js";
import { newPolicyStore, type PolicyStore } from "./policies/store.js";

export type Tag = { Key: string; Value: string };
export type AccountStatus = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";

export interface OrgAccount {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  joinedMethod: "INVITED" | "CREATED";
  /** Wall-clock epoch ms (what JoinedTimestamp shows). */
  joinedAt: number;
  /** Root or OU id. */
  parentId: string;
  /** Emulated ms at which a PENDING_CLOSURE account becomes SUSPENDED. */
  closesAt?: number;
}

export interface OrgUnit {
  id: string;
  name: string;
  parentId: string;
}

export interface CreateAccountRequestRecord {
  id: string;
  accountName: string;
  email: string;
  roleName: string;
  tags: Tag[];
  /** Wall-clock epoch ms. */
  requestedAt: number;
  /** Emulated ms at which the request completes. */
  completesAt: number;
  state: "IN_PROGRESS" | "SUCCEEDED" | "FAILED";
  /** Wall-clock epoch ms. */
  completedAt?: number;
  accountId?: string;
  failureReason?: string;
}

export interface Organization {
  id: string;
  featureSet: "ALL" | "CONSOLIDATED_BILLING";
  managementAccountId: string;
  rootId: string;
  /** Accounts in insertion order (ListAccounts returns them in a stable order). */
  accounts: Map<string, OrgAccount>;
  units: Map<string, OrgUnit>;
  createRequests: Map<string, CreateAccountRequestRecord>;
  /** Tags by resource id (account id, OU id or root id). */
  tags: Map<string, Tag[]>;
  /** Quota on accounts in the organization (AWS's default is 10; raised here for large scenarios). */
  maxAccounts: number;
  /** Policies, their attachments, enabled policy types, delegated administrators, trusted services. */
  policies: PolicyStore;
}

export interface OrgState {
  org?: Organization;
}

const states = new WeakMap<World, OrgState>();

export function orgState(world: World): OrgState {
  let state = states.get(world);
  if (!state) {
    state = {};
    states.set(world, state);
  }
  return state;
}

export const DEFAULT_MAX_ACCOUNTS = 1000;
/** Emulated time CreateAccount takes before it succeeds or fails. */
export const CREATE_ACCOUNT_MS = 3000;
/** Emulated time a closed account stays PENDING_CLOSURE before it is SUSPENDED. */
export const CLOSE_ACCOUNT_MS = 3000;
export const ROOT_NAME = "Root";
/** AWS nests OUs at most five levels under the root. */
export const MAX_OU_DEPTH = 5;
export const MAX_OUS = 1000;
export const MAX_TAGS = 50;

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const DIGITS = "0123456789";

export const ids = {
  organization: (world: World) => world.newId("o-", 10, LOWER_ALNUM),
  root: (world: World) => world.newId("r-", 4, LOWER_ALNUM),
  unit: (world: World, rootId: string) => world.newId(`ou-${rootId.slice(2)}-`, 8, LOWER_ALNUM),
  account: (world: World, taken: (id: string) => boolean) => {
    let id: string;
    do id = world.newId("", 12, DIGITS);
    while (taken(id));
    return id;
  },
  createRequest: (world: World) => world.newId("car-", 32, LOWER_ALNUM),
  // The PolicyArn pattern (botocore) wants 10-32 characters after "p-".
  policy: (world: World) => world.newId("p-", 10, LOWER_ALNUM),
};

export function newOrganization(world: World, managementAccountId: string, featureSet: Organization["featureSet"] = "ALL"): Organization {
  return {
    id: ids.organization(world),
    featureSet,
    managementAccountId,
    rootId: ids.root(world),
    accounts: new Map(),
    units: new Map(),
    createRequests: new Map(),
    tags: new Map(),
    maxAccounts: DEFAULT_MAX_ACCOUNTS,
    policies: newPolicyStore(),
  };
}
