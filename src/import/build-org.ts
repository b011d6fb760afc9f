// The organization part of orgctl.yaml: nested units with tags, and every account.
import type { LiveOrganization } from "../engine/types.js";
import type { Tags } from "../model/types.js";
import type { AccountKeys } from "./accounts.js";

interface UnitNode {
  tags?: Tags;
  units?: Record<string, UnitNode>;
}

export function unitsTree(org: LiveOrganization): Record<string, UnitNode> {
  const root: Record<string, UnitNode> = {};
  const nodes = new Map<string, UnitNode>();
  // Sorted by path, so a parent is always placed before its children.
  for (const unit of [...org.units].sort((a, b) => a.path.localeCompare(b.path))) {
    const node: UnitNode = Object.keys(unit.tags).length > 0 ? { tags: unit.tags } : {};
    nodes.set(unit.path, node);
    const slash = unit.path.lastIndexOf("/");
    const parent = slash < 0 ? undefined : nodes.get(unit.path.slice(0, slash));
    if (parent) (parent.units ??= {})[unit.name] = node;
    else root[unit.name] = node;
  }
  return root;
}

export function accountsMap(org: LiveOrganization, keys: AccountKeys): Record<string, object> {
  const out: Record<string, object> = {};
  const ordered = [...org.accounts].sort(
    (a, b) => Number(b.id === org.managementAccountId) - Number(a.id === org.managementAccountId) || keys.byId.get(a.id)!.localeCompare(keys.byId.get(b.id)!),
  );
  for (const a of ordered) {
    out[keys.byId.get(a.id)!] = {
      id: a.id,
      name: a.name,
      email: a.email,
      ...(a.unit !== null ? { unit: a.unit } : {}),
      ...(Object.keys(a.tags).length > 0 ? { tags: a.tags } : {}),
    };
  }
  return out;
}
