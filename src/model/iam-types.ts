// Desired-state specs for IAM beyond roles: customer managed policies, groups and OpenID
// Connect providers, each placed in accounts with the same `in:` targeting as roles.
import type { Loc, PolicyDocument, RoleTargets, Tags } from "./basics.js";

/** A customer managed policy, created in every account its targets select. */
export interface PolicySpec {
  name: string;
  path: string;
  /** IAM cannot change a policy's description: a change re-creates the policy. */
  description?: string;
  targets: RoleTargets;
  document: PolicyDocument;
  tags: Tags;
  /** Take over a live policy of the same name that orgctl does not manage yet. */
  adopt: boolean;
  loc: Loc;
}

/** An IAM group: its policies and which existing users are in it (orgctl never creates users, keys or passwords). */
export interface GroupSpec {
  name: string;
  path: string;
  targets: RoleTargets;
  inlinePolicies: Record<string, PolicyDocument>;
  /** ARNs, or `${policy:…}` references to customer managed policies the state declares. */
  managedPolicies: string[];
  /** Names of existing IAM users. */
  members: string[];
  adopt: boolean;
  loc: Loc;
}

/** An OpenID Connect identity provider (GitHub Actions': https://token.actions.githubusercontent.com). */
export interface OidcProviderSpec {
  url: string;
  targets: RoleTargets;
  /** Client ids (audiences), e.g. sts.amazonaws.com. */
  audiences: string[];
  thumbprints: string[];
  tags: Tags;
  adopt: boolean;
  loc: Loc;
}

/** The instance profile EC2 runs a role through (same name and path as the role unless given). */
export interface InstanceProfileSpec {
  name: string;
  path: string;
}
