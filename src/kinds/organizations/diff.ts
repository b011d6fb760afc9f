// Organizations: units (parents first), accounts to create, move and retag.
// orgctl never deletes or closes anything here: leftovers become orphan notes.
import type { DiffContext } from "../../engine/context.js";
import { accountAddress, sameEmail } from "../../engine/context.js";
import { makeChange } from "../../engine/change.js";
import { canonicalJson } from "../../engine/canonical.js";
import { formatAddress } from "../../engine/address.js";
import type { AccountResource } from "./account/resource.js";
import type { UnitResource } from "./unit/resource.js";
import type { LiveAccount, LiveUnit } from "../../engine/types.js";
import { changedReasons, type ChangedPart, type Reason } from "../../engine/reasons.js";

type Base = { account: string; accountId: string; service: "organizations" };

export function diffOrganization(ctx: DiffContext): void {
  const org = ctx.desired.organization;
  const live = ctx.live.organization;
  // Without a readable organization there is nothing to compare against; the read
  // error is already in live.errors.
  if (!org || !live || ctx.failedAccounts.has(ctx.managementKey)) return;
  const accountId = org.managementAccount;
  const base: Base = { account: ctx.managementKey, accountId, service: "organizations" };
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
      ctx.changes.push(makeChange({ ...base, type: "unit", name: unit.path, action: "update", before, after, reasons: [{ kind: "changed", part: { kind: "attribute", name: "tags" } }] }));
    }
  }
  const desiredPaths = new Set(org.units.map((u) => u.path));
  for (const unit of live.units) {
    if (!desiredPaths.has(unit.path)) orphanUnit(ctx, base, unit);
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
        ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "noop", before: null, after, reasons: [{ kind: "create-pending", requestId: pending.id, state: pending.state }] }));
        continue;
      }
      ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "create", before: null, after, dependsOn: unitDeps }));
      continue;
    }
    matched.add(found.id);
    // Organizations cannot rename an account or change its email here: keep the live
    // values so the patch only shows what apply can change, and say so.
    const notes: Reason[] = [];
    if (found.name !== account.name) notes.push({ kind: "unchangeable", attribute: "name", live: found.name, desired: account.name });
    if (!sameEmail(found.email, account.email)) notes.push({ kind: "unchangeable", attribute: "email", live: found.email, desired: account.email });
    const before: AccountResource = { key: account.key, id: found.id, name: found.name, email: found.email, unit: found.unit, tags: found.tags };
    const target: AccountResource = { ...after, id: found.id, name: found.name, email: found.email };
    const parts: ChangedPart[] = [];
    if (found.unit !== account.unit) parts.push({ kind: "move", from: found.unit, to: account.unit });
    if (canonicalJson(found.tags) !== canonicalJson(account.tags)) parts.push({ kind: "attribute", name: "tags" });
    if (parts.length > 0) {
      ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "update", before, after: target, dependsOn: unitDeps, reasons: [...changedReasons(parts), ...notes] }));
    } else if (notes.length > 0) {
      ctx.changes.push(makeChange({ ...base, type: "account", name: account.key, action: "noop", before, after: target, reasons: notes }));
    }
  }
  for (const account of live.accounts) {
    if (!matched.has(account.id) && account.id !== live.managementAccountId) {
      orphanAccount(ctx, base, account);
    }
  }
}

function parentPath(path: string): string | null {
  const i = path.lastIndexOf("/");
  return i < 0 ? null : path.slice(0, i);
}

function orphanUnit(ctx: DiffContext, base: Base, unit: LiveUnit): void {
  const before: UnitResource = { path: unit.path, name: unit.name, parent: parentPath(unit.path), tags: unit.tags };
  ctx.changes.push(makeChange({ ...base, type: "unit", name: unit.path, action: "noop", before, after: before, reasons: [orphanReason("organizational unit")] }));
}

/** An account in the organization that the YAML does not list, named by its id. */
function orphanAccount(ctx: DiffContext, base: Base, account: LiveAccount): void {
  const before: AccountResource = { key: account.id, id: account.id, name: account.name, email: account.email, unit: account.unit, tags: account.tags };
  ctx.changes.push(makeChange({ ...base, type: "account", name: account.id, action: "noop", before, after: before, reasons: [orphanReason("account")] }));
}

function orphanReason(what: string): Reason {
  return { kind: "orphan", what, removal: "never" };
}
