// The organization-policy kinds: policy types on the root, policies, their attachments,
// trusted services and delegated administrators. All live in the management account and
// write no IAM role; every operation converges from what it finds (operations.ts).
import type { ResourceKind } from "../../../engine/kind.js";
import { attachment, convergePolicy, delegation, deletePolicy, policyType, serviceAccess } from "./operations.js";

const same = (name: string) => name;

export const policyTypeKind: ResourceKind<"policy-type"> = {
  type: "policy-type",
  service: "organizations",
  nameKey: same,
  operations: {
    create: { idempotent: true, run: (change, ctx) => policyType(change.after!.type, ctx, true) },
    delete: { idempotent: true, run: (change, ctx) => policyType(change.before!.type, ctx, false) },
  },
};

export const orgPolicyKind: ResourceKind<"org-policy"> = {
  type: "org-policy",
  service: "organizations",
  // Organizations compares policy names as written.
  nameKey: same,
  operations: {
    create: { idempotent: true, run: (change, ctx) => convergePolicy(change.after!, ctx, false) },
    update: { idempotent: true, run: (change, ctx) => convergePolicy(change.after!, ctx, false) },
    adopt: { idempotent: true, run: (change, ctx) => convergePolicy(change.after!, ctx, true) },
    delete: { idempotent: true, run: (change, ctx) => deletePolicy(change.before!, ctx) },
  },
};

export const orgPolicyAttachmentKind: ResourceKind<"org-policy-attachment"> = {
  type: "org-policy-attachment",
  service: "organizations",
  nameKey: same,
  operations: {
    create: { idempotent: true, run: (change, ctx) => attachment(change.after!, ctx, true) },
    delete: { idempotent: true, run: (change, ctx) => attachment(change.before!, ctx, false) },
  },
};

export const trustedServiceKind: ResourceKind<"trusted-service"> = {
  type: "trusted-service",
  service: "organizations",
  nameKey: same,
  operations: {
    create: { idempotent: true, run: (change, ctx) => serviceAccess(change.after!.servicePrincipal, ctx, true) },
    delete: { idempotent: true, run: (change, ctx) => serviceAccess(change.before!.servicePrincipal, ctx, false) },
  },
};

export const delegatedAdminKind: ResourceKind<"delegated-admin"> = {
  type: "delegated-admin",
  service: "organizations",
  nameKey: same,
  operations: {
    create: { idempotent: true, run: (change, ctx) => delegation(change.after!.accountId, change.after!.servicePrincipal, ctx, true) },
    delete: { idempotent: true, run: (change, ctx) => delegation(change.before!.accountId, change.before!.servicePrincipal, ctx, false) },
  },
};
