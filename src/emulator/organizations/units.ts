// Organizational units: create, rename, delete, describe, list under a parent.
import { AwsError } from "../types.js";
import { requireManagement, type Call } from "./access.js";
import { checkString, optionalString, PATTERNS, requiredId, requiredString, tagList } from "./input.js";
import { paginate } from "./pagination.js";
import { unitShape, ancestry } from "./shapes.js";
import { ids, MAX_OU_DEPTH, MAX_OUS, type OrgUnit, type Organization } from "./state.js";
import { checkTagCount, checkUserTagKeys } from "./tags.js";
import { accountsUnder, requireParent, unitsUnder } from "./tree.js";
import { attachDefaults, forgetTarget } from "./policies/store.js";

const NAME_RULE = { min: 1, max: 128 };

function requireUnit(org: Organization, id: string): OrgUnit {
  const unit = org.units.get(id);
  if (!unit) throw new AwsError("OrganizationalUnitNotFoundException", "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.");
  return unit;
}

function rejectDuplicateName(org: Organization, parentId: string, name: string): void {
  if (unitsUnder(org, parentId).some((u) => u.name === name)) {
    throw new AwsError("DuplicateOrganizationalUnitException", "An OU with the same name already exists.");
  }
}

/** Creates an OU without API checks beyond the tree's own rules (also used by snapshot seeding). */
export function insertUnit(call: Pick<Call, "world">, org: Organization, parentId: string, name: string): OrgUnit {
  requireParent(org, parentId);
  // ancestry() counts the root, so its length is the new OU's depth.
  if (ancestry(org, parentId).length > MAX_OU_DEPTH) {
    throw new AwsError("ConstraintViolationException", "You have exceeded the maximum depth of nested organizational units.", 400, { Reason: "OU_DEPTH_LIMIT_EXCEEDED" });
  }
  if (org.units.size >= MAX_OUS) {
    throw new AwsError("ConstraintViolationException", "You have reached the maximum number of organizational units.", 400, { Reason: "OU_NUMBER_LIMIT_EXCEEDED" });
  }
  rejectDuplicateName(org, parentId, name);
  const unit: OrgUnit = { id: ids.unit(call.world, org.rootId), name, parentId };
  org.units.set(unit.id, unit);
  attachDefaults(org.policies, unit.id);
  return unit;
}

export function createOrganizationalUnit(call: Call) {
  const org = requireManagement(call);
  const parentId = requiredId(call.input, "ParentId", PATTERNS.parentId);
  const name = checkString("Name", requiredString(call.input, "Name"), NAME_RULE);
  const tags = tagList(call.input, "Tags");
  checkUserTagKeys(tags.map((t) => t.Key));
  checkTagCount(tags.length);
  const unit = insertUnit(call, org, parentId, name);
  if (tags.length) org.tags.set(unit.id, tags);
  return { OrganizationalUnit: unitShape(org, unit) };
}

export function updateOrganizationalUnit(call: Call) {
  const org = requireManagement(call);
  const unit = requireUnit(org, requiredId(call.input, "OrganizationalUnitId", PATTERNS.unitId));
  const name = optionalString(call.input, "Name");
  if (name !== undefined && name !== unit.name) {
    checkString("Name", name, NAME_RULE);
    rejectDuplicateName(org, unit.parentId, name);
    unit.name = name;
  }
  return { OrganizationalUnit: unitShape(org, unit) };
}

export function deleteOrganizationalUnit(call: Call) {
  const org = requireManagement(call);
  const unit = requireUnit(org, requiredId(call.input, "OrganizationalUnitId", PATTERNS.unitId));
  if (unitsUnder(org, unit.id).length || accountsUnder(org, unit.id).length) {
    throw new AwsError("OrganizationalUnitNotEmptyException", "The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.");
  }
  org.units.delete(unit.id);
  org.tags.delete(unit.id);
  forgetTarget(org.policies, unit.id);
  return {};
}

export function describeOrganizationalUnit(call: Call) {
  const org = requireManagement(call);
  const unit = requireUnit(org, requiredId(call.input, "OrganizationalUnitId", PATTERNS.unitId));
  return { OrganizationalUnit: unitShape(org, unit) };
}

export function listOrganizationalUnitsForParent(call: Call) {
  const org = requireManagement(call);
  const parentId = requiredId(call.input, "ParentId", PATTERNS.parentId);
  requireParent(org, parentId);
  const page = paginate(unitsUnder(org, parentId), call.input, `ListOrganizationalUnitsForParent/${parentId}`);
  return { OrganizationalUnits: page.items.map((u) => unitShape(org, u)), NextToken: page.nextToken };
}
