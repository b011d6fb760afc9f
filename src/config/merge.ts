import type { Diagnostics } from "./diagnostics.js";
import { locate } from "./locate.js";
import type { At, Segment, Source } from "./source.js";

/** A YAML value and where it came from. Values here passed the schema. */
export interface Entry<T = any> {
  value: T;
  at: At;
}

/** All files merged: maps by key, lists (roles, policies, groups, OIDC providers) concatenated. */
export interface Merged {
  organization?: Entry;
  settings?: Entry;
  accounts: Map<string, Entry>;
  roles: Entry[];
  policies: Entry[];
  groups: Entry[];
  oidcProviders: Entry[];
  appconfig: Map<string, Entry>;
  deploymentStrategies: Map<string, Entry>;
  /**
   * Parts left out because they failed the schema ("organization", "accounts",
   * "accounts:<key>", ...): references to them are not reported as unknown.
   */
  incomplete: Set<string>;
}

/** Merges the files, leaving out every part that `failed` (schema errors) touches. */
export function merge(sources: { source: Source; failed: Segment[][] }[], diags: Diagnostics): Merged {
  const m: Merged = { accounts: new Map(), roles: [], policies: [], groups: [], oidcProviders: [], appconfig: new Map(), deploymentStrategies: new Map(), incomplete: new Set() };
  for (const { source, failed } of sources) {
    const data = (source.data ?? {}) as Record<string, any>;
    if (failed.some((p) => p.length === 0) || typeof data !== "object" || Array.isArray(data)) {
      for (const s of ["organization", "accounts", "appconfig", "deploymentStrategies"]) m.incomplete.add(s);
      continue;
    }
    const dropped = new Set<string>();
    for (const p of failed) {
      const id = p.length >= 2 && p[0] !== "organization" && p[0] !== "settings" ? `${p[0]}:${p[1]}` : String(p[0]);
      dropped.add(id);
      m.incomplete.add(id);
    }
    const root = (path: Segment[]): At => ({ source, path });
    if (data.include !== undefined && !source.root) {
      diags.error(locate(root(["include"]), { key: true }), "include is only allowed in the root file");
    }
    for (const section of ["organization", "settings"] as const) {
      if (data[section] === undefined || dropped.has(section)) continue;
      const prev = m[section];
      if (prev) {
        diags.error(locate(root([section]), { key: true }), `${section} is already defined at ${where(prev.at)}`);
        continue;
      }
      m[section] = { value: data[section] ?? {}, at: root([section]) };
    }
    for (const section of ["accounts", "appconfig", "deploymentStrategies"] as const) {
      if (data[section] == null || dropped.has(section)) continue;
      for (const [key, value] of Object.entries(data[section] as Record<string, unknown>)) {
        if (dropped.has(`${section}:${key}`)) continue;
        const prev = m[section].get(key);
        const here = root([section, key]);
        if (prev) {
          diags.error(locate(here, { key: true }), `${section}.${key} is already defined at ${where(prev.at)}`);
          continue;
        }
        m[section].set(key, { value, at: here });
      }
    }
    for (const section of ["roles", "policies", "groups", "oidcProviders"] as const) {
      const list: unknown = data[section];
      if (!Array.isArray(list) || dropped.has(section)) continue;
      list.forEach((value: unknown, i: number) => {
        if (!dropped.has(`${section}:${i}`)) m[section].push({ value, at: root([section, i]) });
      });
    }
  }
  return m;
}

function where(at: At): string {
  const loc = locate(at, { key: true });
  return `${loc.file}:${loc.line}:${loc.col}`;
}
