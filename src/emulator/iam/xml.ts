// XML shapes of IAM's responses (member names and order from the IAM API model).
import { el, members, wrap } from "../protocol/query.js";
import type { ManagedPolicyRecord, RoleRecord } from "./state.js";

export const IAM_XMLNS = "https://iam.amazonaws.com/doc/2010-05-08/";

/** IAM returns policy documents percent-encoded per RFC 3986 (everything but unreserved characters). */
export function encodePolicy(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** IAM timestamps are ISO 8601 in UTC without milliseconds. */
export const isoDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export const tagsXml = (tags: { Key: string; Value: string }[]) =>
  members("Tags", tags, (t) => el("Key", t.Key) + el("Value", t.Value));

export interface RoleXmlOptions {
  tags: boolean;
  roleLastUsed: boolean;
}

/** The members the Role and RoleDetail shapes both begin with. */
export function roleHeadXml(role: RoleRecord): string {
  return (
    el("Path", role.path) +
    el("RoleName", role.roleName) +
    el("RoleId", role.roleId) +
    el("Arn", role.arn) +
    el("CreateDate", isoDate(role.createDate)) +
    el("AssumeRolePolicyDocument", encodePolicy(role.assumeRolePolicyDocument))
  );
}

/** The Role shape; ListRoles leaves out Tags and RoleLastUsed, GetRole includes them. */
export function roleXml(role: RoleRecord, opts: RoleXmlOptions): string {
  return (
    roleHeadXml(role) +
    el("Description", role.description) +
    el("MaxSessionDuration", role.maxSessionDuration) +
    (role.permissionsBoundary !== undefined
      ? wrap("PermissionsBoundary", el("PermissionsBoundaryType", "Policy") + el("PermissionsBoundaryArn", role.permissionsBoundary))
      : "") +
    (opts.tags && role.tags.length > 0 ? tagsXml(role.tags) : "") +
    (opts.roleLastUsed ? wrap("RoleLastUsed", "") : "")
  );
}

/** A managed policy as the API shows it, whether AWS managed or customer managed. */
export type PolicyView = Omit<ManagedPolicyRecord, "versions"> & {
  attachmentCount: number;
  boundaryUsageCount: number;
  isAttachable: boolean;
  versions: { versionId: string; document: string; createDate: Date }[];
};

export interface PolicyXmlOptions {
  /** GetPolicy returns the Description; CreatePolicy and ListPolicies do not. */
  description: boolean;
  /** ListPolicies leaves out Tags. */
  tags: boolean;
}

export function policyXml(p: PolicyView, opts: PolicyXmlOptions): string {
  return (
    el("PolicyName", p.policyName) +
    el("PolicyId", p.policyId) +
    el("Arn", p.arn) +
    el("Path", p.path) +
    el("DefaultVersionId", p.defaultVersionId) +
    el("AttachmentCount", p.attachmentCount) +
    el("PermissionsBoundaryUsageCount", p.boundaryUsageCount) +
    el("IsAttachable", p.isAttachable) +
    (opts.description ? el("Description", p.description) : "") +
    el("CreateDate", isoDate(p.createDate)) +
    el("UpdateDate", isoDate(p.updateDate)) +
    (opts.tags && p.tags.length > 0 ? tagsXml(p.tags) : "")
  );
}

export function policyVersionXml(
  v: { versionId: string; document: string; createDate: Date },
  defaultVersionId: string,
  withDocument: boolean,
): string {
  return (
    (withDocument ? el("Document", encodePolicy(v.document)) : "") +
    el("VersionId", v.versionId) +
    el("IsDefaultVersion", v.versionId === defaultVersionId) +
    el("CreateDate", isoDate(v.createDate))
  );
}

export const attachedPolicyXml = (p: { policyName: string; arn: string }) =>
  el("PolicyName", p.policyName) + el("PolicyArn", p.arn);
