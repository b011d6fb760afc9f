// Live state (what the readers found), changes and the Plan document.
import type { Operation } from "fast-json-patch";
import type { PolicyDocument, Tags } from "../model/types.js";

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

export interface LiveRole {
  name: string;
  path: string;
  arn: string;
  description?: string;
  /** Decoded and parsed (AWS returns it URL-encoded). */
  assumeRolePolicy: PolicyDocument;
  inlinePolicies: Record<string, PolicyDocument>;
  managedPolicies: string[];
  maxSessionDuration: number;
  tags: Tags;
  /** Names of the instance profiles that contain the role: IAM refuses to delete it while any do. */
  instanceProfiles: string[];
}

export interface LiveHostedVersion {
  versionNumber: number;
  description?: string;
  contentType: string;
  /** Exact content bytes as text. */
  content: string;
  /** sha256 hex of content. */
  contentSha256: string;
}

export interface LiveDeployment {
  deploymentNumber: number;
  environmentId: string;
  configurationProfileId: string;
  configurationVersion: string;
  deploymentStrategyId: string;
  state: string;
}

export interface LiveProfile {
  id: string;
  name: string;
  description?: string;
  type: string;
  validators: { type: string; content: string }[];
  /** Only the versions whose content was read: labelled (Description) like a desired version, or deployed/deploying. */
  versions: LiveHostedVersion[];
}

export interface LiveEnvironment {
  id: string;
  name: string;
  description?: string;
  state: string;
  tags: Tags;
  /** Per profile id: the version number of the last COMPLETE deployment, and any running one. */
  deployed: Record<string, { version?: string; running?: LiveDeployment }>;
}

export interface LiveApplication {
  id: string;
  name: string;
  description?: string;
  tags: Tags;
  environments: LiveEnvironment[];
  profiles: LiveProfile[];
}

export interface LiveAccountState {
  accountId: string;
  /** Roles by name. */
  roles: Record<string, LiveRole>;
  /** AppConfig applications by region then name. */
  appconfig: Record<string, Record<string, LiveApplication>>;
  /** Deployment strategies by region: name → id (predefined and custom). */
  strategies: Record<string, Record<string, string>>;
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
  /** AWS managed policy ARNs the desired state attaches that IAM does not have (when checked). */
  unknownManagedPolicies?: string[];
}

// ---------- changes and the plan ----------

export type ChangeAction = "create" | "update" | "delete" | "replace" | "deploy" | "adopt" | "noop";
export type ServiceKey = "organizations" | "iam" | "appconfig";

export interface Change {
  /** "<account>/<service>/<type>/<name>", e.g. "development/iam/role/administrator". */
  address: string;
  action: ChangeAction;
  account: string;
  accountId?: string;
  service: ServiceKey;
  /** e.g. "unit", "account", "role", "application", "environment", "profile", "version", "deployment". */
  type: string;
  name: string;
  /** Live resource in canonical form (null when absent). */
  before: unknown;
  /** Desired resource in canonical form (null for delete); complete enough to apply without the YAML. */
  after: unknown;
  /** RFC 6902 patch from before to after. */
  patch: Operation[];
  dependsOn: string[];
  /** Data loss or access loss possible (delete, replace, detach, trust narrowing). */
  destructive: boolean;
  /** Content must not be printed (AppConfig `sensitive: true`). */
  sensitive: boolean;
  /** sha256 of the canonical `before`, so apply can detect that this resource changed since the plan. */
  beforeHash: string;
  notes: string[];
}

export interface Conflict {
  address: string;
  message: string;
}

export interface Plan {
  formatVersion: 1;
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
