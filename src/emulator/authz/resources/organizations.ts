// Organizations operations → targets (Service Authorization Reference for Organizations):
// operations on an account, OU or root are authorized against its ARN
// (arn:aws:organizations::<management>:account/o-…/<id>, …:ou/o-…/ou-…, …:root/o-…/r-…);
// the organization-wide ones against "*".
import { parseJsonBody } from "../../organizations/protocol.js";
import { orgState } from "../../organizations/state.js";
import type { EmuRequest, World } from "../../types.js";
import { ANY, type TargetOf } from "../target.js";

function arnOf(world: World, id: string): string {
  const org = orgState(world).org;
  if (!org) return "*";
  const base = `arn:aws:organizations::${org.managementAccountId}`;
  if (id.startsWith("ou-")) return `${base}:ou/${org.id}/${id}`;
  if (id.startsWith("r-")) return `${base}:root/${org.id}/${id}`;
  return `${base}:account/${org.id}/${id}`;
}

/** The ARNs of the ids in the named input members (a missing member is left to the handler). */
const on =
  (...members: string[]): TargetOf =>
  (req: EmuRequest, world: World) => {
    const input = parseJsonBody(req);
    const ids = members.map((m) => input[m]).filter((v): v is string => typeof v === "string");
    return { resources: ids.length > 0 ? ids.map((id) => arnOf(world, id)) : ["*"] };
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
};
