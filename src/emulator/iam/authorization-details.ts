// GetAccountAuthorizationDetails: roles with their policies, and managed policies with every
// version, in one paginated listing; each role lists the instance profiles that contain it.
// Users and groups are not emulated, so their lists are empty.
import { el, members, memberList, wrap } from "../protocol/query.js";
import { AWS_MANAGED_POLICIES } from "./aws-managed-policies.js";
import { awsPolicyView, compareKeys, customerPolicyView, policyView, type IamCall, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { profilesOfRole } from "./instance-profile-state.js";
import { instanceProfileXml } from "./instance-profiles.js";
import { paginate } from "./pagination.js";
import type { RoleRecord } from "./state.js";
import { attachedPolicyXml, encodePolicy, policyVersionXml, policyXml, roleHeadXml, tagsXml, type PolicyView } from "./xml.js";

const ENTITY_TYPES = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"];

type Entry = { key: string; role?: RoleRecord; policy?: PolicyView };

function roleDetailXml(call: IamCall, role: RoleRecord): string {
  const inline = [...role.inlinePolicies].sort(([a], [b]) => compareKeys(a, b));
  const attached = role.attachedPolicies.map(
    (arn) => policyView(call.state, arn) ?? { policyName: arn.slice(arn.lastIndexOf("/") + 1), arn },
  );
  return (
    roleHeadXml(role) +
    members("InstanceProfileList", profilesOfRole(call.state, role), (p) => instanceProfileXml(p, false)) +
    members("RolePolicyList", inline, ([name, doc]) => el("PolicyName", name) + el("PolicyDocument", encodePolicy(doc))) +
    members("AttachedManagedPolicies", attached, attachedPolicyXml) +
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
  if (wants("Role"))
    for (const role of state.roles.values()) entries.push({ key: `1:${role.roleName.toLowerCase()}`, role });
  if (wants("LocalManagedPolicy"))
    for (const p of state.policies.values()) entries.push({ key: `2:${p.arn}`, policy: customerPolicyView(state, p) });
  // As on AWS, only the AWS managed policies in use in the account are listed.
  if (wants("AWSManagedPolicy"))
    for (const arn of AWS_MANAGED_POLICIES.keys()) {
      const view = awsPolicyView(state, arn)!;
      if (view.attachmentCount > 0) entries.push({ key: `3:${arn}`, policy: view });
    }
  entries.sort((a, b) => compareKeys(a.key, b.key));

  const page = paginate(entries, (e) => e.key, params);
  const roles = page.items.filter((e) => e.role).map((e) => e.role!);
  const policies = page.items.filter((e) => e.policy).map((e) => e.policy!);
  return (
    members("UserDetailList", [], () => "") +
    members("GroupDetailList", [], () => "") +
    members("RoleDetailList", roles, (r) => roleDetailXml(call, r)) +
    members("Policies", policies, policyDetailXml) +
    page.xml
  );
};
