// `orgctl profiles`: AWS CLI profiles (or console links) for the roles people assume.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DesiredState } from "../model/types.js";
import { assumableRoles, type AssumableRole } from "./assumable.js";
import { foreignProfiles, mergeBlock, splitConfig } from "./merge.js";
import { profileName, renderProfile, switchRoleLink, type ProfileOptions } from "./render.js";

export { DEFAULT_TEMPLATE } from "./render.js";
export type { ProfileOptions } from "./render.js";

export interface Generated {
  roles: AssumableRole[];
  notes: string[];
}

/** With `user`, only the roles that user's declared groups let them assume. */
export function generate(state: DesiredState, user?: string): Generated {
  const { roles: all, skippedAccounts } = assumableRoles(state);
  const roles = user === undefined ? all : forUser(all, user);
  const notes = skippedAccounts.map((key) => `account ${key} has no id yet (orgctl creates it): no profiles for it until it exists`);
  if (all.length === 0 && skippedAccounts.length === 0) notes.push("no role here lets an account's users assume it (roles trusted only by services or roles are skipped)");
  else if (user !== undefined && roles.length === 0) notes.push(`user ${user} is in no declared group whose policies let it assume a role here`);
  return { roles, notes };
}

/**
 * The roles a user's groups give, each naming only those groups. IAM user names compare
 * case-insensitively; the MFA device is the user's, in the group's account.
 */
function forUser(roles: AssumableRole[], user: string): AssumableRole[] {
  const key = user.toLowerCase();
  return roles.flatMap((r) => {
    const groups = r.groups.filter((g) => g.members.some((m) => m.toLowerCase() === key));
    return groups.length === 0 ? [] : [{ ...r, groups, trustedAccounts: [...new Set(groups.map((g) => g.accountId))] }];
  });
}

export function profilesText(roles: AssumableRole[], opts: ProfileOptions): string {
  return roles.map((r) => renderProfile(r, opts)).join("\n");
}

/** Console links; roles that need an external id are left out, the console cannot send one. */
export function linksText(roles: AssumableRole[], template: string, notes: string[]): string {
  const lines: string[] = [];
  for (const r of roles) {
    const name = profileName(r, template);
    if (r.externalId !== undefined) notes.push(`${name}: no console link, the role requires an external id (the console cannot switch to it)`);
    else lines.push(`${name} ${switchRoleLink(r, name)}`);
  }
  return lines.map((l) => l + "\n").join("");
}

/** Merges into `file`; returns how many profiles were written. Never replaces a profile it did not write. */
export async function writeProfiles(file: string, roles: AssumableRole[], opts: ProfileOptions, notes: string[]): Promise<number> {
  const existing = await readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return "";
    throw err;
  });
  const split = splitConfig(existing);
  const taken = foreignProfiles(split);
  const mine = roles.filter((r) => {
    const name = profileName(r, opts.template);
    if (taken.has(name)) notes.push(`profile ${name} already exists in ${file} outside orgctl's block: left as it is`);
    return !taken.has(name);
  });
  const next = mergeBlock(split, profilesText(mine, opts));
  if (next !== existing) {
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written config behind.
    const temp = `${file}.orgctl-${process.pid}.tmp`;
    await writeFile(temp, next);
    await rename(temp, file);
  }
  return mine.length;
}
