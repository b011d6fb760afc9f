// Organizations operations → targets (Service Authorization Reference for Organizations):
// operations on an account, OU or root are authorized against its ARN
// (arn:aws:organizations::<management>:account/o-…/<id>, …:ou/o-…/ou-…, …:root/o-…/r-…);
// policies against theirs (…:policy/o-…/<type>/p-…, or arn:aws:organizations::aws:policy/…
// for AWS managed ones); the organization-wide ones against "*". Policy operations set
// organizations:PolicyType and the service-principal ones organizations:ServicePrincipal.
import { parseJsonBody } from "../../organizations/protocol.js";
import { policyArn } from "../../organizations/policies/shapes.js";
import { orgState } from "../../organizations/state.js";
import type { EmuRequest, World } from "../../types.js";
import { ANY, type TargetOf } from "../target.js";

function arnOf(world: World, id: string): string {
  const org = orgState(world).org;
  if (!org) return "*";
  const base = `arn:aws:organizations::${org.managementAccountId}`;
  if (id.startsWith("ou-")) return `${base}:ou/${org.id}/${id}`;
  if (id.startsWith("r-")) return `${base}:root/${org.id}/${id}`;
  if (id.startsWith("p-")) {
    const policy = org.policies.policies.get(id);
    return policy ? policyArn(org, policy) : `${base}:policy/${org.id}/*/${id}`;
  }
  return `${base}:account/${org.id}/${id}`;
}

/** The condition keys a request sets: organizations:PolicyType (from its policy or member) and organizations:ServicePrincipal. */
function contextOf(world: World, input: Record<string, unknown>): Record<string, string> {
  const context: Record<string, string> = {};
  const policyId = input.PolicyId;
  const policy = typeof policyId === "string" ? orgState(world).org?.policies.policies.get(policyId) : undefined;
  const type = policy?.type ?? [input.Type, input.PolicyType, input.Filter].find((v) => typeof v === "string");
  if (typeof type === "string") context["organizations:PolicyType"] = type;
  if (typeof input.ServicePrincipal === "string") context["organizations:ServicePrincipal"] = input.ServicePrincipal;
  return context;
}

/** The ARNs of the ids in the named input members (a missing member is left to the handler). */
const on =
  (...members: string[]): TargetOf =>
  (req: EmuRequest, world: World) => {
    const input = parseJsonBody(req);
    const ids = members.map((m) => input[m]).filter((v): v is string => typeof v === "string");
    return { resources: ids.length > 0 ? ids.map((id) => arnOf(world, id)) : ["*"], context: contextOf(world, input) };
  };

export const ORGANIZATIONS_TARGETS: Record<string, TargetOf> = {
  CreateOrganization: ANY,
  DescribeOrganization: ANY,
  ListRoots: ANY,
  CreateOrganizationalUnit: on("ParentId"),
  UpdateOrganizationalUnit: on("OrganizationalUnitId"),
  DeleteOrganizationalUnit: on("OrganizationalUnitId"),
  DescribeOrganizationalUnit: on("OrganizationalUnitId"),
  ListOrganizationalUnitsForParent: on("ParentId"),
  ListChildren: on("ParentId"),
  ListParents: on("ChildId"),
  ListAccounts: ANY,
  ListAccountsForParent: on("ParentId"),
  DescribeAccount: on("AccountId"),
  MoveAccount: on("AccountId", "SourceParentId", "DestinationParentId"),
  CloseAccount: on("AccountId"),
  CreateAccount: ANY,
  DescribeCreateAccountStatus: ANY,
  ListCreateAccountStatus: ANY,
  TagResource: on("ResourceId"),
  UntagResource: on("ResourceId"),
  ListTagsForResource: on("ResourceId"),
  CreatePolicy: on(),
  UpdatePolicy: on("PolicyId"),
  DeletePolicy: on("PolicyId"),
  DescribePolicy: on("PolicyId"),
  ListPolicies: on(),
  AttachPolicy: on("PolicyId", "TargetId"),
  DetachPolicy: on("PolicyId", "TargetId"),
  ListPoliciesForTarget: on("TargetId"),
  ListTargetsForPolicy: on("PolicyId"),
  EnablePolicyType: on("RootId"),
  DisablePolicyType: on("RootId"),
  RegisterDelegatedAdministrator: on("AccountId"),
  DeregisterDelegatedAdministrator: on("AccountId"),
  ListDelegatedAdministrators: on(),
  ListDelegatedServicesForAccount: on("AccountId"),
  EnableAWSServiceAccess: on(),
  DisableAWSServiceAccess: on(),
  ListAWSServiceAccessForOrganization: ANY,
};
