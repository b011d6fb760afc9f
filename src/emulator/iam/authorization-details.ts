// GetAccountAuthorizationDetails: users and roles with their policies, and managed policies
// with every version, in one paginated listing; each role lists the instance profiles that
// contain it; groups with their policies, and each user names its groups.
import { propagated } from "../consistency/propagation.js";
import { el, members, memberList, wrap, xmlEscape } from "../protocol/query.js";
import { AWS_MANAGED_POLICIES } from "./aws-managed-policies.js";
import { awsPolicyView, compareKeys, customerPolicyView, policyView, type IamCall, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { profilesOfRole } from "./instance-profile-state.js";
import { instanceProfileXml } from "./instance-profiles.js";
import { paginate } from "./pagination.js";
import { groupsOfUser } from "./groups/records.js";
import type { GroupRecord, RoleRecord, UserRecord } from "./state.js";
import { attachedPolicyXml, encodePolicy, isoDate, policyVersionXml, policyXml, roleHeadXml, tagsXml, type PolicyView } from "./xml.js";

const ENTITY_TYPES = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"];

type Entry = { key: string; user?: UserRecord; group?: GroupRecord; role?: RoleRecord; policy?: PolicyView };

function inlineXml(name: string, policies: Map<string, string>): string {
  const inline = [...policies].sort(([a], [b]) => compareKeys(a, b));
  return members(name, inline, ([policyName, doc]) => el("PolicyName", policyName) + el("PolicyDocument", encodePolicy(doc)));
}

function attachedXml(call: IamCall, arns: string[]): string {
  const attached = arns.map((arn) => policyView(call.state, arn) ?? { policyName: arn.slice(arn.lastIndexOf("/") + 1), arn });
  return members("AttachedManagedPolicies", attached, attachedPolicyXml);
}

/** UserDetail: members in the model's order (botocore iam 2010-05-08). */
function userDetailXml(call: IamCall, user: UserRecord): string {
  return (
    el("Path", user.path) +
    el("UserName", user.userName) +
    el("UserId", user.userId) +
    el("Arn", user.arn) +
    el("CreateDate", isoDate(user.createDate)) +
    inlineXml("UserPolicyList", user.inlinePolicies) +
    members("GroupList", groupsOfUser(call.state, user), (g) => xmlEscape(g.groupName)) +
    attachedXml(call, user.attachedPolicies) +
    tagsXml(user.tags)
  );
}

/** GroupDetail: members in the model's order (botocore iam 2010-05-08). */
function groupDetailXml(call: IamCall, group: GroupRecord): string {
  return (
    el("Path", group.path) +
    el("GroupName", group.groupName) +
    el("GroupId", group.groupId) +
    el("Arn", group.arn) +
    el("CreateDate", isoDate(group.createDate)) +
    inlineXml("GroupPolicyList", group.inlinePolicies) +
    attachedXml(call, group.attachedPolicies)
  );
}

function roleDetailXml(call: IamCall, role: RoleRecord): string {
  return (
    roleHeadXml(role) +
    members("InstanceProfileList", profilesOfRole(call.state, role), (p) => instanceProfileXml(p, false)) +
    inlineXml("RolePolicyList", role.inlinePolicies) +
    attachedXml(call, role.attachedPolicies) +
    (role.permissionsBoundary !== undefined
      ? wrap("PermissionsBoundary", el("PermissionsBoundaryType", "Policy") + el("PermissionsBoundaryArn", role.permissionsBoundary))
      : "") +
    tagsXml(role.tags) +
    wrap("RoleLastUsed", "")
  );
}

/** ManagedPolicyDetail: the Policy shape with its Description, without Tags, plus every version. */
function policyDetailXml(p: PolicyView): string {
  return (
    policyXml(p, { description: true, tags: false }) +
    members("PolicyVersionList", p.versions, (v) => policyVersionXml(v, p.defaultVersionId, true))
  );
}

export const getAccountAuthorizationDetails: IamHandler = (call) => {
  const { params, state } = call;
  const filter = memberList(params, "Filter");
  const c = new Constraints();
  filter.forEach((f, i) => c.enumeration(`filter.${i + 1}.member`, f, ENTITY_TYPES));
  c.check();
  const wants = (type: string) => filter.length === 0 || filter.includes(type);

  const entries: Entry[] = [];
  if (wants("User"))
    for (const user of state.users.values()) entries.push({ key: `0:${user.userName.toLowerCase()}`, user });
  if (wants("Group"))
    for (const group of state.groups.values()) entries.push({ key: `1:${group.groupName.toLowerCase()}`, group });
  if (wants("Role"))
    for (const role of state.roles.values()) if (propagated(call.world, role.arn, "read")) entries.push({ key: `2:${role.roleName.toLowerCase()}`, role });
  if (wants("LocalManagedPolicy"))
    for (const p of state.policies.values()) entries.push({ key: `3:${p.arn}`, policy: customerPolicyView(state, p) });
  // As on AWS, only the AWS managed policies in use in the account are listed.
  if (wants("AWSManagedPolicy"))
    for (const arn of AWS_MANAGED_POLICIES.keys()) {
      const view = awsPolicyView(state, arn)!;
      if (view.attachmentCount > 0 || view.boundaryUsageCount > 0) entries.push({ key: `4:${arn}`, policy: view });
    }
  entries.sort((a, b) => compareKeys(a.key, b.key));

  const page = paginate(entries, (e) => e.key, params);
  const users = page.items.filter((e) => e.user).map((e) => e.user!);
  const groups = page.items.filter((e) => e.group).map((e) => e.group!);
  const roles = page.items.filter((e) => e.role).map((e) => e.role!);
  const policies = page.items.filter((e) => e.policy).map((e) => e.policy!);
  return (
    members("UserDetailList", users, (u) => userDetailXml(call, u)) +
    members("GroupDetailList", groups, (g) => groupDetailXml(call, g)) +
    members("RoleDetailList", roles, (r) => roleDetailXml(call, r)) +
    members("Policies", policies, policyDetailXml) +
    page.xml
  );
};
