import type { AccountSpec, OrganizationSpec, UnitSpec } from "../model/types.js";
import { locateLater } from "./locate.js";
import type { Entry, Merged } from "./merge.js";
import { child, type At } from "./source.js";
import type { Origins } from "./origins.js";

export function buildOrganization(entry: Entry | undefined, origins: Origins): OrganizationSpec | undefined {
  if (!entry) return undefined;
  const v = entry.value;
  const units: UnitSpec[] = [];
  const walk = (map: Record<string, any> | undefined, parent: string | null, at: At) => {
    for (const [name, unit] of Object.entries(map ?? {})) {
      const path = parent === null ? name : `${parent}/${name}`;
      const unitAt = child(at, name);
      const spec: UnitSpec = { path, name, parent, tags: unit?.tags ?? {}, loc: locateLater(unitAt, { key: true }) };
      origins.set(spec, unitAt);
      units.push(spec);
      walk(unit?.units, path, child(unitAt, "units"));
    }
  };
  walk(v.units, null, child(entry.at, "units"));
  return { managementAccount: v.managementAccount, accessRole: v.accessRole, units, loc: locateLater(entry.at, { key: true }) };
}

export function buildAccounts(m: Merged, origins: Origins): AccountSpec[] {
  return [...m.accounts].map(([key, { value: v, at }]) => {
    const spec: AccountSpec = {
      key,
      ...(v.id !== undefined ? { id: v.id } : {}),
      name: v.name ?? key,
      email: v.email,
      unit: v.unit ?? null,
      tags: v.tags ?? {},
      loc: locateLater(at, { key: true }),
    };
    origins.set(spec, at);
    return spec;
  });
}
