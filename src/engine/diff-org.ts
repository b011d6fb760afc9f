// Organizations: units (parents first), accounts to create, move and retag.
// orgctl never deletes or closes anything here: leftovers become orphan notes.
import type { DiffContext } from "./context.js";
import { accountAddress, sameEmail } from "./context.js";
import { makeChange } from "./change.js";
import { canonicalJson } from "./canonical.js";
import { formatAddress } from "./address.js";
import type { AccountResource, UnitResource } from "./resources.js";
import type { LiveAccount } from "./types.js";

export function diffOrganization(ctx: DiffContext): void {
  const org = ctx.desired.organization;
  const live = ctx.live.organization;
  // Without a readable organization there is nothing to compare against; the read
  // error is already in live.errors.
  if (!org || !live || ctx.failedAccounts.has(ctx.managementKey)) return;
  const accountId = org.managementAccount;
  const base = { account: ctx.managementKey, accountId, service: "organizations" as const };
  const unitAddress = (path: string) => formatAddress({ ...base, type: "unit", name: path });

  const liveUnits = new Map(live.units.map((u) => [u.path, u]));
  const creating = new Set(org.units.filter((u) => !liveUnits.has(u.path)).map((u) => u.path));
  for (const unit of org.units) {
    const after: UnitResource = { path: unit.path, name: unit.name, parent: unit.parent, tags: unit.tags };
    const found = liveUnits.get(unit.path);
    if (!found) {
      const dependsOn = unit.parent !== null && creating.has(unit.parent) ? [unitAddress(unit.parent)] : [];
      ctx.changes.push(makeChange({ ...base, type: "unit", name: unit.path, action: "create", before: null, after, dependsOn }));
      continue;
    }
    const before: UnitResource = { path: found.path, name: found.name, parent: parentPath(found.path), tags: found.tags };
    if (canonicalJson(before) !== canonicalJson(after)) {
      ctx.changes.push(makeChange({ ...base, type: "unit", name: unit.path, action: "update", before, after, notes: ["tags"] }));
    }
  }
  const desiredPaths = new Set(org.units.map((u) => u.path));
  for (const unit of live.units) {
    if (!desiredPaths.has(unit.path)) orphan(ctx, base, "unit", unit.path, unit, "organizational unit");
  }

  const matched = new Set<string>();
  // Indexed once, not searched per account (quadratic at thousands of accounts); the first listed wins, as a search would.
  const byId = new Map<string, LiveAccount>();
  const byEmail = new Map<string, LiveAccount>();
  for (const l of [...live.accounts].reverse()) {
    byId.set(l.id, l);
    byEmail.set(l.email.toLowerCase(), l);
  }
  for (const account of ctx.desired.accounts) {
    const found = account.id !== undefined ? byId.get(account.id) : byEmail.get(account.email.toLowerCase());
    const after: AccountResource = { key: account.key, name: account.name, email: account.email, unit: account.unit, tags: account.tags };
    const unitDeps = account.unit !== null && creating.has(account.unit) ? [unitAddress(account.unit)] : [];
    if (!found) {
      if (account.id !== undefined) {
        const notMember = `account ${account.id} is not a member of the organization`;
        // Its read most likely failed for that very reason: one entry, with the cause first.
        const readError = ctx.errors.find((e) => e.account === account.key);
        if (readError) readError.message = `${notMember}; ${readError.message}`;
        else ctx.conflicts.push({ address: accountAddress(ctx, account.key), message: notMember });
        continue;
      }
      const pending = live.pendingCreates.find((p) => p.accountName === account.name);
      if (pending) {
        ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "noop", before: null, after, notes: [`CreateAccount ${pending.id} is still ${pending.state}: re-plan when it finishes`] }));
        continue;
      }
      ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "create", before: null, after, dependsOn: unitDeps }));
      continue;
    }
    matched.add(found.id);
    // Organizations cannot rename an account or change its email here: keep the live
    // values so the patch only shows what apply can change, and say so.
    const notes: string[] = [];
    if (found.name !== account.name) notes.push(`name is "${found.name}" in AWS, "${account.name}" in the YAML: orgctl does not rename accounts`);
    if (!sameEmail(found.email, account.email)) notes.push(`email is ${found.email} in AWS: orgctl does not change account emails`);
    const before: AccountResource = { key: account.key, id: found.id, name: found.name, email: found.email, unit: found.unit, tags: found.tags };
    const target: AccountResource = { ...after, id: found.id, name: found.name, email: found.email };
    const parts: string[] = [];
    if (found.unit !== account.unit) parts.push(`move ${found.unit ?? "(root)"} -> ${account.unit ?? "(root)"}`);
    if (canonicalJson(found.tags) !== canonicalJson(account.tags)) parts.push("tags");
    if (parts.length > 0) {
      ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "update", before, after: target, dependsOn: unitDeps, notes: [...parts, ...notes] }));
    } else if (notes.length > 0) {
      ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "noop", before, after: target, notes }));
    }
  }
  for (const account of live.accounts) {
    if (!matched.has(account.id) && account.id !== live.managementAccountId) {
      orphan(ctx, base, "account", account.id, { id: account.id, name: account.name, email: account.email }, "account");
    }
  }
}

function parentPath(path: string): string | null {
  const i = path.lastIndexOf("/");
  return i < 0 ? null : path.slice(0, i);
}

function orphan(
  ctx: DiffContext,
  base: { account: string; accountId: string; service: "organizations" },
  type: string,
  name: string,
  before: unknown,
  what: string,
): void {
  ctx.changes.push(makeChange({ ...base, type, name, action: "noop", before, after: before, notes: [`orphan: ${what} not in the desired state (orgctl never deletes it)`] }));
}
