// Canonical shapes of every resource a Change carries in `before` and `after`.
// `after` is complete: apply works from it alone, without the YAML. `before` is the
// same shape built from live state (null when the resource does not exist), so the
// RFC 6902 patch between them names exactly the attributes that change.
//
// Account ids that are not known yet (accounts orgctl is about to create) appear as
// the placeholder `${account:<key>}` inside strings (ARNs, principals); the Change
// then dependsOn that account's create change and apply substitutes the real id.
// Shapes carry names, not AWS ids: apply resolves names to ids (it must anyway for
// resources created earlier in the same apply), and ids would make every patch noisy.
import type { PolicyDocument, Tags } from "../model/types.js";

/** Placeholder for the id of an account that does not exist yet. */
export function accountPlaceholder(key: string): string {
  return `\${account:${key}}`;
}

/** Every `${account:<key>}` placeholder in a string. */
export const ACCOUNT_PLACEHOLDER_RE = /\$\{account:([^}]+)\}/g;

/**
 * Organizational unit (management account, service "organizations", type "unit").
 * Units are identified by path; apply looks the parent up by `parent` path (null = root).
 * Never deleted by orgctl.
 */
export interface UnitResource {
  /** Slash-joined path from the root, e.g. "Workloads/Dev". */
  path: string;
  name: string;
  parent: string | null;
  /** Exactly the tags the unit should carry. */
  tags: Tags;
}

/**
 * Member account (management account, service "organizations", type "account").
 * A create calls CreateAccount(name, email, tags) then MoveAccount into `unit`.
 * An update moves it (`unit`) and/or retags it. Never deleted or closed by orgctl.
 */
export interface AccountResource {
  /** Key in the YAML `accounts:` map. */
  key: string;
  /** 12-digit id; absent when the account is to be created. */
  id?: string;
  name: string;
  email: string;
  /** Unit path, or null for the root. */
  unit: string | null;
  tags: Tags;
}

/**
 * IAM role (target account, service "iam", type "role").
 * Policies are normalised (see policy.ts): compare with JSON equality only.
 * `tags` includes the ownership tag orgctl:managed=true for managed roles.
 * The path cannot change in IAM: a path change is a `replace` (delete then create).
 */
export interface RoleResource {
  name: string;
  /** e.g. "/" or "/automation/". */
  path: string;
  /** "" when the role has no description. */
  description: string;
  assumeRolePolicy: PolicyDocument;
  /** Inline policy name → normalised document. */
  inlinePolicies: Record<string, PolicyDocument>;
  /** Attached managed policy ARNs, sorted. */
  managedPolicies: string[];
  /** Seconds, 3600–43200. */
  maxSessionDuration: number;
  tags: Tags;
}

/**
 * AppConfig application (its account, service "appconfig", type "application").
 * `tags` includes the ownership tag for managed applications.
 */
export interface ApplicationResource {
  name: string;
  region: string;
  /** "" when none. */
  description: string;
  tags: Tags;
}

/**
 * AppConfig environment (type "environment"); apply finds the application by name.
 * Tags are exactly the YAML's: ownership is recorded on the application.
 */
export interface EnvironmentResource {
  application: string;
  region: string;
  name: string;
  description: string;
  tags: Tags;
}

/** AppConfig configuration profile (type "profile"), hosted (LocationUri "hosted"). */
export interface ProfileResource {
  application: string;
  region: string;
  name: string;
  description: string;
  type: string;
  /** Validators; JSON_SCHEMA content is canonical JSON text (compared parsed). */
  validators: { type: string; content: string }[];
}

/**
 * AppConfig hosted configuration version (type "version"). Immutable: never updated;
 * a changed content is a new version. The label is stored as the version's Description.
 * `content` is present so apply can create it; renderers print "(sensitive)" instead
 * when the Change is sensitive.
 */
export interface VersionResource {
  application: string;
  region: string;
  profile: string;
  label: string;
  contentType: string;
  content: string;
  /** sha256 hex of `content` (UTF-8). */
  contentSha256: string;
}

/**
 * AppConfig deployment of a profile to an environment (type "deployment", action "deploy").
 * Apply resolves the version to deploy as the hosted version of `profile` whose content
 * sha256 is `contentSha256` (created by the version change it depends on), and the
 * strategy by name (predefined AppConfig.* or custom).
 * In `before` (what is deployed now), versionLabel/contentSha256/versionNumber describe
 * the last completed deployment and may be absent (nothing deployed, or unknown content).
 */
export interface DeploymentResource {
  application: string;
  region: string;
  environment: string;
  profile: string;
  versionLabel?: string;
  contentSha256?: string;
  strategy?: string;
  /** Live only: the hosted version number deployed now. */
  versionNumber?: number;
  /** Live only: a deployment of other content still rolling out, which apply stops first. */
  rollingOut?: { deploymentNumber: number; versionLabel?: string; contentSha256?: string };
}

export type ResourceType =
  | "unit"
  | "account"
  | "role"
  | "application"
  | "environment"
  | "profile"
  | "version"
  | "deployment";

export interface ResourceByType {
  unit: UnitResource;
  account: AccountResource;
  role: RoleResource;
  application: ApplicationResource;
  environment: EnvironmentResource;
  profile: ProfileResource;
  version: VersionResource;
  deployment: DeploymentResource;
}
