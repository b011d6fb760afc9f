// The canonical shapes of the organization-policy kinds in a change's before/after, and
// their entries in the engine's ResourceByType and LiveOrganization (declaration merging).
// Shapes carry names, not ids: apply resolves policy, root, unit and account ids.
import type { LiveOrgPolicies } from "../../../model/org-policy/live.js";
import type { PolicyType } from "../../../policy/org/types.js";
import type { Tags } from "../../../model/types.js";

/** A policy type enabled on the root ("policy-type/<TYPE>"). Disabled only when the YAML says so. */
export interface PolicyTypeResource {
  type: PolicyType;
}

/** An Organizations policy ("org-policy/<TYPE>/<name>"): its document as sent (keys sorted), compared semantically. */
export interface OrgPolicyResource {
  name: string;
  type: PolicyType;
  description: string;
  document: unknown;
  /** Exactly the tags the policy should carry (the ownership tag included). */
  tags: Tags;
}

/** Where an attachment goes: the root, a unit by path, or an account (id, or `${account:<key>}`). */
export type AttachmentTarget = { kind: "root" } | { kind: "unit"; path: string } | { kind: "account"; key: string; id: string };

/** A policy attached to a target ("org-policy-attachment/<TYPE>/<policy>@<target>"). */
export interface OrgPolicyAttachmentResource {
  policy: string;
  type: PolicyType;
  /** Whether the policy is AWS managed (FullAWSAccess), found by its fixed id. */
  awsManaged: boolean;
  target: AttachmentTarget;
}

/** A member account registered as delegated administrator of a service ("delegated-admin/<service>@<account>"). */
export interface DelegatedAdminResource {
  account: string;
  accountId: string;
  servicePrincipal: string;
}

/** A service with trusted access to the organization ("trusted-service/<principal>"). */
export interface TrustedServiceResource {
  servicePrincipal: string;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    "policy-type": PolicyTypeResource;
    "org-policy": OrgPolicyResource;
    "org-policy-attachment": OrgPolicyAttachmentResource;
    "delegated-admin": DelegatedAdminResource;
    "trusted-service": TrustedServiceResource;
  }
}

declare module "../../../engine/types.js" {
  interface LiveOrganization {
    /** Read when the desired state declares organization policies, delegated administrators or trusted services. */
    policies?: LiveOrgPolicies;
  }
}
