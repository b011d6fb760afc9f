// Live state (what the readers found), changes and the Plan document.
import type { Operation } from "fast-json-patch";
import type { PolicyDocument, Tags } from "../model/types.js";
import type { Reason } from "./reasons.js";
import type { ResourceByType, ResourceType } from "./resources.js";

// ---------- live state ----------

export interface LiveUnit {
  id: string;
  name: string;
  /** Slash-joined path from the root, e.g. "Workloads/Dev". */
  path: string;
  parentId: string;
  tags: Tags;
}

export interface LiveAccount {
  id: string;
  name: string;
  email: string;
  status: string;
  /** Unit path, or null when directly under the root. */
  unit: string | null;
  parentId: string;
  tags: Tags;
}

export interface LiveOrganization {
  id: string;
  managementAccountId: string;
  rootId: string;
  units: LiveUnit[];
  accounts: LiveAccount[];
  /** CreateAccount requests still IN_PROGRESS, by account name. */
  pendingCreates: { id: string; accountName: string; state: string }[];
}

/**
 * What was read in one account. Each kind family adds the part it reads (declaration
 * merging from its own folder: `roles`, `appconfig`, ...), so the engine names none.
 */
export interface LiveAccountState {
  accountId: string;
}

export interface AccountReadError {
  account: string;
  accountId?: string;
  message: string;
}

export interface LiveState {
  organization?: LiveOrganization;
  /** By account key (from the desired state). */
  accounts: Record<string, LiveAccountState>;
  errors: AccountReadError[];
  /** API calls made while reading: "service:Operation" → count. */
  apiCalls: Record<string, number>;
}

// ---------- changes and the plan ----------

export type ChangeAction = "create" | "update" | "delete" | "replace" | "deploy" | "stop" | "adopt" | "noop";
export type ServiceKey = "organizations" | "iam" | "appconfig";

/** What every change carries whatever its kind. */
export interface ChangeBase {
  /** "<account>/<service>/<type>/<name>", e.g. "development/iam/role/administrator". */
  address: string;
  action: ChangeAction;
  account: string;
  accountId?: string;
  service: ServiceKey;
  name: string;
  /** RFC 6902 patch from before to after. */
  patch: Operation[];
  dependsOn: string[];
  /** Data loss or access loss possible (delete, replace, detach, trust narrowing). */
  destructive: boolean;
  /** Content must not be printed (AppConfig `sensitive: true`). */
  sensitive: boolean;
  /** sha256 of the canonical `before`, so apply can detect that this resource changed since the plan. */
  beforeHash: string;
  /** Why the change is there, or what a reviewer must know about it (renderers word them). */
  reasons: Reason[];
}

/**
 * A change to one resource of kind T: `before` is the live resource in canonical form
 * (null when absent), `after` the desired one (null for delete), complete enough to apply.
 */
export interface ChangeOf<T extends ResourceType> extends ChangeBase {
  type: T;
  before: ResourceByType[T] | null;
  after: ResourceByType[T] | null;
}

/** A change of any kind; `type` tells which, and narrows `before`/`after`. */
export type Change = { [T in ResourceType]: ChangeOf<T> }[ResourceType];

export interface Conflict {
  address: string;
  message: string;
}

/**
 * 2: changes carry typed `reasons` instead of free-text `notes`, and each kind's
 * before/after has its own shape. Plans of version 1 are refused: re-plan.
 */
export const PLAN_FORMAT_VERSION = 2;

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  tool: "orgctl";
  createdAt: string;
  source: { commit?: string; paths: string[] };
  desiredDigest: string;
  /** Role orgctl assumes in member accounts; apply never changes it. */
  accessRole?: string;
  /** sha256 over every live resource read. */
  liveFingerprint: string;
  accounts: { key: string; id?: string; status: "ok" | "error"; error?: string }[];
  changes: Change[];
  conflicts: Conflict[];
  errors: AccountReadError[];
  apiCalls: Record<string, number>;
  /** Present when only part of the desired state was planned (--changed-since, --shard): drift elsewhere is not covered. */
  scope?: PlanScope;
  /** In a plan file: the changes plan wrote (engine/claimed.ts); apply refuses a file whose list differs. */
  claimed?: Claimed;
}

/** What a plan file lists: the count and a digest of its changes (engine/claimed.ts). */
export interface Claimed {
  /** Changes plan wrote (no-ops excluded). */
  changes: number;
  /** sha256 over their sorted "action address" lines. */
  digest: string;
}

export interface PlanScope {
  /** How the part was chosen, e.g. "changed since main" or "shard 2/4". */
  by: string;
  /** Account keys whose IAM and AppConfig state this plan covers. */
  accounts: string[];
  /** Whether the Organizations part (units and the listed accounts' placement and tags) is covered. */
  organization: boolean;
  /** Key of the management account, whose changes come first: merged shard plans order like a full plan. */
  managementKey: string;
}
