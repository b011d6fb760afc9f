// The organization's tree: which parents exist, what sits under them, ListChildren and ListParents.
import { AwsError } from "../types.js";
import { requireManagement, type Call } from "./access.js";
import { enumValue, PATTERNS, requiredId, requiredString } from "./input.js";
import { paginate } from "./pagination.js";
import type { Organization } from "./state.js";

export function parentExists(org: Organization, id: string): boolean {
  return id === org.rootId || org.units.has(id);
}

export function unitsUnder(org: Organization, parentId: string) {
  return [...org.units.values()].filter((u) => u.parentId === parentId);
}

export function accountsUnder(org: Organization, parentId: string) {
  return [...org.accounts.values()].filter((a) => a.parentId === parentId);
}

/** Fails with ParentNotFoundException unless the root or OU exists. */
export function requireParent(org: Organization, id: string): void {
  if (!parentExists(org, id)) throw new AwsError("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
}

const CHILD_TYPES = ["ACCOUNT", "ORGANIZATIONAL_UNIT"] as const;

export function listChildren(call: Call) {
  const org = requireManagement(call);
  const parentId = requiredId(call.input, "ParentId", PATTERNS.parentId);
  const childType = enumValue("ChildType", requiredString(call.input, "ChildType"), CHILD_TYPES);
  requireParent(org, parentId);
  const ids = childType === "ACCOUNT" ? accountsUnder(org, parentId).map((a) => a.id) : unitsUnder(org, parentId).map((u) => u.id);
  const page = paginate(ids, call.input, `ListChildren/${parentId}/${childType}`);
  return { Children: page.items.map((Id) => ({ Id, Type: childType })), NextToken: page.nextToken };
}

export function listParents(call: Call) {
  const org = requireManagement(call);
  const childId = requiredId(call.input, "ChildId", PATTERNS.childId);
  const parentId = org.accounts.get(childId)?.parentId ?? org.units.get(childId)?.parentId;
  if (!parentId) throw new AwsError("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
  const parents = [{ Id: parentId, Type: parentId === org.rootId ? "ROOT" : "ORGANIZATIONAL_UNIT" }];
  const page = paginate(parents, call.input, `ListParents/${childId}`);
  return { Parents: page.items, NextToken: page.nextToken };
}
