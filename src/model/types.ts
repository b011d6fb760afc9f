// The desired state after loading and validation: what the YAML says, with every
// reference checked and every file (validator schemas, version content) read.
// `loc` points back at the YAML so later stages can still report file:line:col.
import type { Loc, PolicyDocument, RoleTargets, Tags } from "./basics.js";
import type { OrgPoliciesSpec } from "./org-policy/spec.js";

import type { GithubTrustSpec } from "./github-trust.js";
import type { GroupSpec, InstanceProfileSpec, OidcProviderSpec, PolicySpec } from "./iam-types.js";

export type { GroupSpec, InstanceProfileSpec, OidcProviderSpec, PolicySpec } from "./iam-types.js";

export type { Loc, PolicyDocument, PolicyStatement, RoleTargets, Tags } from "./basics.js";

export interface OrganizationSpec {
  /** 12-digit id of the management account. */
  managementAccount: string;
  /** Role orgctl assumes in member accounts (never changed or deleted by orgctl). */
  accessRole: string;
  units: UnitSpec[];
  /** Policies, delegated administrators and trusted services; absent when the YAML names none. */
  policies?: OrgPoliciesSpec;
  loc: Loc;
}

export interface UnitSpec {
  /** Slash-joined path from the root, e.g. "Workloads/Dev"; unique. */
  path: string;
  name: string;
  /** Parent path, or null for a unit directly under the root. */
  parent: string | null;
  tags: Tags;
  loc: Loc;
}

export interface AccountSpec {
  /** The key in the YAML `accounts:` map; used in addresses and references. */
  key: string;
  /** Known 12-digit id; absent for an account orgctl should create. */
  id?: string;
  /** AWS account name (defaults to the key). */
  name: string;
  email: string;
  /** Unit path, or null for the root. */
  unit: string | null;
  tags: Tags;
  loc: Loc;
}

export interface TrustSpec {
  /** Account keys or 12-digit ids whose root principal may assume the role. */
  accounts: string[];
  /** "<account key or id>/<role name>" pairs whose role ARN may assume the role. */
  roles: string[];
  /** Service principals, e.g. tasks.apprunner.amazonaws.com. */
  services: string[];
  requireMfa: boolean;
  externalId?: string;
  /** GitHub Actions workflows of one repository, through the account's GitHub OIDC provider. */
  github?: GithubTrustSpec;
  /**
   * "<account>/<group name>" pairs of groups the desired state declares. IAM cannot name a
   * group as a principal: the group's account root is trusted, and the grant narrows it.
   */
  groups?: string[];
  /**
   * Also give every caller in `roles` and `groups` (all managed by this desired state)
   * sts:AssumeRole on exactly this role, wherever it is deployed (src/model/grants/).
   */
  grant?: boolean;
}


export interface RoleSpec {
  name: string;
  path: string;
  description?: string;
  targets: RoleTargets;
  /** Exactly one of trust (sugar) or assumeRolePolicy (raw) is set. */
  trust?: TrustSpec;
  assumeRolePolicy?: PolicyDocument;
  inlinePolicies: Record<string, PolicyDocument>;
  /** Full ARNs: bare AWS managed policy names are expanded at load time. */
  managedPolicies: string[];
  maxSessionDuration: number;
  tags: Tags;
  /** Permissions boundary: an AWS managed policy ARN, or a `${policy:…}` reference to one the state declares. */
  permissionsBoundary?: string;
  /** The instance profile EC2 runs the role through. */
  instanceProfile?: InstanceProfileSpec;
  /** Take over a live role of the same name that orgctl does not manage yet. */
  adopt: boolean;
  loc: Loc;
}

export interface ValidatorSpec {
  type: "JSON_SCHEMA";
  /** The JSON Schema text, as sent to AppConfig. */
  content: string;
  /** Where it came from (file path relative to the YAML, or "inline"). */
  source: string;
}

export interface VersionSpec {
  /** Name used in YAML (`v1`); stored as the hosted version's Description on AWS. */
  label: string;
  /** Exact bytes to store (inline content is serialised with JSON.stringify(value, null, 2)). */
  content: string;
  contentType: string;
  sensitive: boolean;
  /**
   * Store new content under a label that already exists live with other content. Only for
   * a label deployed nowhere: a released label's content never changes.
   */
  replace?: boolean;
  loc: Loc;
}

export interface DeploySpec {
  environment: string;
  /** A VersionSpec label of the same profile. */
  version: string;
  /** Predefined (AppConfig.*) strategy name or a custom one's name. */
  strategy: string;
  loc: Loc;
}

export type ProfileType = "AWS.Freeform" | "AWS.AppConfig.FeatureFlags";

export interface ProfileSpec {
  name: string;
  description?: string;
  /** AWS.AppConfig.FeatureFlags: every version is feature-flag content (src/model/feature-flags). */
  type: ProfileType;
  validators: ValidatorSpec[];
  versions: VersionSpec[];
  deploy: DeploySpec[];
  loc: Loc;
}

/** A CloudWatch alarm AppConfig watches during deployments to this environment (rolls back on ALARM). */
export interface MonitorSpec {
  alarm: string;
  /** The IAM role AppConfig assumes to read the alarm. */
  role?: string;
}

export interface EnvironmentSpec {
  name: string;
  description?: string;
  tags: Tags;
  /** Omitted when none: an environment without monitors has the shape it always had. */
  monitors?: MonitorSpec[];
  loc: Loc;
}

export interface AppConfigAppSpec {
  name: string;
  /** Account key. */
  account: string;
  region: string;
  description?: string;
  tags: Tags;
  environments: EnvironmentSpec[];
  profiles: ProfileSpec[];
  adopt: boolean;
  loc: Loc;
}

/** A custom AppConfig deployment strategy in an account and region (deploymentStrategies in the YAML). */
export interface StrategySpec {
  name: string;
  /** Account key. */
  account: string;
  region: string;
  description?: string;
  durationMinutes: number;
  growthType: "LINEAR" | "EXPONENTIAL";
  growthFactor: number;
  finalBakeTimeMinutes: number;
  replicateTo: "NONE" | "SSM_DOCUMENT";
  tags: Tags;
  /** Take over a live strategy of the same name that orgctl does not manage yet. */
  adopt: boolean;
  loc: Loc;
}

export interface Settings {
  /** Delete orgctl-managed resources that the desired state no longer lists. */
  prune: boolean;
  /** Default region for AppConfig applications without one. */
  region: string;
  /**
   * The regions the organization uses (settings.regions), when the YAML says: with prune,
   * AppConfig is read in each of them wherever it is read at all, so a managed application
   * left in a region the YAML no longer names is found.
   */
  regions?: string[];
  /**
   * Who owns what this desired state creates (the value of the orgctl:managed tag): from
   * `settings.owner`, else the repository and folder the YAML lives in.
   */
  owner: string;
}

export interface DesiredState {
  organization?: OrganizationSpec;
  accounts: AccountSpec[];
  roles: RoleSpec[];
  policies: PolicySpec[];
  groups: GroupSpec[];
  oidcProviders: OidcProviderSpec[];
  appconfig: AppConfigAppSpec[];
  /** Custom deployment strategies; absent when the YAML declares none. */
  strategies?: StrategySpec[];
  settings: Settings;
  /** The YAML files read, relative to the working directory. */
  files: string[];
  /** sha256 over the normalised desired state (not the YAML text), hex. */
  digest: string;
}

/** The role Organizations creates in new accounts, and orgctl's default way into them. */
export const DEFAULT_ACCESS_ROLE = "OrganizationAccountAccessRole";

/** The tag orgctl puts on everything it creates; its presence means "managed by orgctl". */
export const OWNERSHIP_TAG_KEY = "orgctl:managed";
export const OWNERSHIP_TAG_VALUE = "true";
