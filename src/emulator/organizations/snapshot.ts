// Snapshot.organizations: a compact, hand-writable description of one organization.
// Units are given by path ("Workloads/Dev"; parents are created as needed), accounts by
// unit path. See docs/emulator-sources.md for the format.
import type { Snapshot, World } from "../types.js";
import { addManagementAccount } from "./organization.js";
import { addMember, DEFAULT_ACCESS_ROLE } from "./provision.js";
import { ids, newOrganization, orgState, type AccountStatus, type Organization, type Tag } from "./state.js";
import { insertUnit } from "./units.js";
import { dumpPolicies, seedPolicies, type PoliciesSnapshot, type TargetNames } from "./policies/snapshot.js";

export interface OrganizationsSnapshot extends PoliciesSnapshot {
  managementAccountId: string;
  /** Organization and root ids; generated when absent. */
  id?: string;
  rootId?: string;
  featureSet?: "ALL" | "CONSOLIDATED_BILLING";
  maxAccounts?: number;
  units?: { path: string; tags?: Record<string, string> }[];
  /** The management account may be listed too (by its id) to give its name and email. */
  accounts?: {
    id?: string;
    name: string;
    email: string;
    unit?: string;
    tags?: Record<string, string>;
    status?: AccountStatus;
    /** Access role to create in the account: a role name, or false for none. Default OrganizationAccountAccessRole. */
    accessRole?: string | false;
  }[];
}

export function seedOrganizations(world: World, snapshot: Snapshot): void {
  const spec = snapshot.organizations as OrganizationsSnapshot | undefined;
  if (!spec) return;
  if (!/^\d{12}$/.test(spec.managementAccountId ?? "")) throw new Error("snapshot.organizations.managementAccountId must be a 12-digit account id");
  const org = newOrganization(world, spec.managementAccountId, spec.featureSet ?? "ALL");
  if (spec.id) org.id = spec.id;
  if (spec.rootId) org.rootId = spec.rootId;
  if (spec.maxAccounts) org.maxAccounts = spec.maxAccounts;
  const accounts = spec.accounts ?? [];
  const management = accounts.find((a) => a.id === spec.managementAccountId);
  addManagementAccount(world, org, { name: management?.name, email: management?.email });
  if (management?.tags) org.tags.set(org.managementAccountId, toTags(management.tags));

  for (const unit of spec.units ?? []) {
    const id = ensurePath(world, org, unit.path);
    if (unit.tags) org.tags.set(id, toTags(unit.tags));
  }
  if (management?.unit) org.accounts.get(org.managementAccountId)!.parentId = ensurePath(world, org, management.unit);
  for (const account of accounts) {
    if (account === management) continue;
    addMember(world, org, {
      id: account.id ?? ids.account(world, (id) => world.accounts.has(id)),
      name: account.name,
      email: account.email,
      parentId: account.unit ? ensurePath(world, org, account.unit) : org.rootId,
      joinedMethod: "CREATED",
      status: account.status,
      tags: account.tags ? toTags(account.tags) : undefined,
      accessRole: account.accessRole === false ? null : (account.accessRole ?? DEFAULT_ACCESS_ROLE),
    });
  }
  seedPolicies(world, org, spec, targetNames(world, org));
  orgState(world).org = org;
}

function targetNames(world: World, org: Organization): TargetNames {
  return {
    resolve: (name) => (name === "/" ? org.rootId : /^\d{12}$/.test(name) ? name : ensurePath(world, org, name)),
    nameOf: (id) => (id === org.rootId ? "/" : org.units.has(id) ? unitPath(org, id) : id),
  };
}

/** Pending CreateAccount requests are not written: a snapshot holds settled state. */
export function dumpOrganizations(world: World, snapshot: Snapshot): void {
  const org = orgState(world).org;
  if (!org) return;
  const tagsOf = (id: string) => {
    const tags = org.tags.get(id);
    return tags?.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
  };
  const out: OrganizationsSnapshot = {
    managementAccountId: org.managementAccountId,
    id: org.id,
    rootId: org.rootId,
    featureSet: org.featureSet,
    maxAccounts: org.maxAccounts,
    units: [...org.units.values()].map((u) => ({ path: unitPath(org, u.id), tags: tagsOf(u.id) })),
    accounts: [...org.accounts.values()].map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      unit: a.parentId === org.rootId ? undefined : unitPath(org, a.parentId),
      tags: tagsOf(a.id),
      status: a.status,
      // The roles themselves travel in the IAM part of the snapshot.
      accessRole: false as const,
    })),
    ...dumpPolicies(org, targetNames(world, org)),
  };
  // Round-trip through JSON so absent optional fields vanish instead of reading "undefined".
  snapshot.organizations = JSON.parse(JSON.stringify(out));
}

function toTags(record: Record<string, string>): Tag[] {
  return Object.entries(record).map(([Key, Value]) => ({ Key, Value }));
}

function unitPath(org: Organization, unitId: string): string {
  const names: string[] = [];
  for (let unit = org.units.get(unitId); unit; unit = org.units.get(unit.parentId)) names.unshift(unit.name);
  return names.join("/");
}

/** Returns the id of the OU at a path, creating missing OUs along the way. */
function ensurePath(world: World, org: Organization, path: string): string {
  let parentId = org.rootId;
  for (const name of path.split("/").filter(Boolean)) {
    const existing = [...org.units.values()].find((u) => u.parentId === parentId && u.name === name);
    parentId = existing ? existing.id : insertUnit({ world }, org, parentId, name).id;
  }
  return parentId;
}
