// OpenID Connect providers per target account: create, update (audiences, thumbprints,
// tags), adopt, delete (ours, pruned). A role trusting GitHub through a provider being
// created waits for it (IAM refuses a trust naming a provider that does not exist).
import { formatAddress } from "../../../engine/address.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { makeChange } from "../../../engine/change.js";
import { accountAddress, type DiffContext } from "../../../engine/context.js";
import { changedReasons, claimReasons, type ChangedPart } from "../../../engine/reasons.js";
import { describeOwnership, isClaimable, mayUpdate, ownershipOf } from "../../../model/ownership.js";
import { targetAccounts } from "../../../model/targets.js";
import type { OidcProviderSpec } from "../../../model/types.js";
import type { OidcProviderResource } from "./resource.js";
import { desiredProvider, liveProvider } from "./shape.js";

export function providersByAccount(ctx: Pick<DiffContext, "desired">): Map<string, OidcProviderSpec[]> {
  const out = new Map<string, OidcProviderSpec[]>();
  for (const spec of ctx.desired.oidcProviders)
    for (const account of targetAccounts(ctx.desired.accounts, spec.targets)) out.set(account.key, [...(out.get(account.key) ?? []), spec]);
  return out;
}

export function diffOidcProviders(ctx: DiffContext): void {
  if (ctx.desired.oidcProviders.length === 0) return;
  const owner = ctx.desired.settings.owner;
  const byAccount = providersByAccount(ctx);
  const keys = new Set([...byAccount.keys(), ...Object.keys(ctx.live.accounts).filter((k) => ctx.live.accounts[k]?.oidcProviders !== undefined)]);
  for (const key of [...keys].sort()) {
    if (ctx.failedAccounts.has(key)) continue;
    const accountId = ctx.accountIds.get(key);
    const live = ctx.live.accounts[key]?.oidcProviders;
    if (live === undefined && accountId !== undefined) {
      ctx.conflicts.push({ address: `${key}/iam/oidc-provider`, message: `OpenID Connect providers of account ${key} (${accountId}) were not read` });
      continue;
    }
    const base = { account: key, accountId, service: "iam" as const, type: "oidc-provider" as const };
    const dependsOn = accountId === undefined ? [accountAddress(ctx, key)] : [];
    const wanted = new Set<string>();
    for (const spec of byAccount.get(key) ?? []) {
      const after = desiredProvider(spec, owner);
      wanted.add(after.url);
      const found = live?.[after.url];
      const before = found ? liveProvider(found, spec.thumbprints.length > 0) : null;
      if (before && canonicalJson(before) === canonicalJson(after)) continue;
      if (!before) {
        ctx.changes.push(makeChange({ ...base, name: after.url, action: "create", before: null, after, dependsOn }));
        continue;
      }
      const owned = ownershipOf(before.tags, owner);
      if (!mayUpdate(before.tags, owner, spec.adopt)) {
        ctx.conflicts.push({ address: formatAddress({ ...base, name: after.url }), message: `OIDC provider ${after.url} exists and is ${describeOwnership(owned)}; set adopt: true to take it over` });
        continue;
      }
      const { parts, destructive } = compare(before, after);
      ctx.changes.push(makeChange({ ...base, name: after.url, action: isClaimable(owned) ? "update" : "adopt", before, after, destructive, reasons: [...claimReasons(owned), ...changedReasons(parts)] }));
    }
    for (const found of Object.values(live ?? {})) {
      if (wanted.has(found.url)) continue;
      const kind = ownershipOf(found.tags, owner).kind;
      const before = liveProvider(found);
      if (kind === "legacy") {
        ctx.changes.push(makeChange({ ...base, name: found.url, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "OIDC provider", removal: "legacy-unowned" }] }));
      } else if (kind === "mine") {
        ctx.changes.push(
          ctx.prune
            ? makeChange({ ...base, name: found.url, action: "delete", before, after: null })
            : makeChange({ ...base, name: found.url, action: "noop", before, after: before, reasons: [{ kind: "orphan", what: "OIDC provider", removal: "prune" }] }),
        );
      }
    }
  }
}

/** A removed audience or thumbprint locks out whoever used it: destructive. */
function compare(before: OidcProviderResource, after: OidcProviderResource): { parts: ChangedPart[]; destructive: boolean } {
  const parts: ChangedPart[] = [];
  let destructive = false;
  for (const field of ["audiences", "thumbprints"] as const) {
    if (canonicalJson(before[field]) === canonicalJson(after[field])) continue;
    parts.push({ kind: "attribute", name: field });
    destructive ||= before[field].some((x) => !after[field].includes(x));
  }
  if (canonicalJson(before.tags) !== canonicalJson(after.tags)) parts.push({ kind: "attribute", name: "tags" });
  return { parts, destructive };
}
