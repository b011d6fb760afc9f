// CreateOrganization, DescribeOrganization and ListRoots.
import { AwsError } from "../types.js";
import { requireManagement, requireMember, type Call } from "./access.js";
import { enumValue, optionalString } from "./input.js";
import { paginate } from "./pagination.js";
import { addMember } from "./provision.js";
import { organizationShape, rootShape } from "./shapes.js";
import { newOrganization, orgState, type Organization } from "./state.js";

const FEATURE_SETS = ["ALL", "CONSOLIDATED_BILLING"] as const;

/** Makes the caller's account the management account of a new organization. */
export function createOrganization(call: Call) {
  const state = orgState(call.world);
  const featureSet = enumValue("FeatureSet", optionalString(call.input, "FeatureSet") ?? "ALL", FEATURE_SETS);
  if (state.org?.accounts.has(call.principal.accountId)) {
    throw new AwsError("AlreadyInOrganizationException", "The AWS account is already a member of an organization.");
  }
  if (state.org) {
    // The emulator models a single organization; a second one would be a different world.
    throw new AwsError("AccessDeniedException", "The emulator holds a single organization, and it already exists.");
  }
  const org = newOrganization(call.world, call.principal.accountId, featureSet);
  addManagementAccount(call.world, org);
  state.org = org;
  return { Organization: organizationShape(org) };
}

export function addManagementAccount(world: Call["world"], org: Organization, details: { name?: string; email?: string } = {}) {
  addMember(world, org, {
    id: org.managementAccountId,
    name: details.name ?? "Management",
    email: details.email ?? `management+${org.managementAccountId}@example.com`,
    parentId: org.rootId,
    joinedMethod: "INVITED",
    accessRole: null,
  });
}

export function describeOrganization(call: Call) {
  return { Organization: organizationShape(requireMember(call)) };
}

export function listRoots(call: Call) {
  const org = requireManagement(call);
  const page = paginate([rootShape(org)], call.input, "ListRoots");
  return { Roots: page.items, NextToken: page.nextToken };
}
