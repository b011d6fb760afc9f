// Organization policies in the plan: policy types, policies (content compared semantically),
// attachments, trusted services and delegated administrators, with the ordering of
// src/model/org-policy/diff.ts turned into dependsOn. Ownership as for roles: a policy of the
// same name that is not ours is a conflict unless the YAML adopts it; only ours are deleted
// (with prune, after being detached everywhere). Trusted services and delegated
// administrators the YAML does not list are shown, never removed. A guardrail that would lock
// orgctl out of a member account, evaluated with the real caller, is a conflict.
import type { DiffContext } from "../../../engine/context.js";
import { makeChange } from "../../../engine/change.js";
import { formatAddress } from "../../../engine/address.js";
import { accountPlaceholder } from "../../../engine/resources.js";
import { changedReasons, claimReasons, type ChangedPart } from "../../../engine/reasons.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { parseJsonText } from "../../../model/json-text.js";
import { contentEqual } from "./compare.js";
import { diffOrgPolicies, type OrgPolicyOp } from "../../../model/org-policy/diff.js";
import { findLockouts } from "../../../model/org-policy/guard.js";
import type { LiveOrgPolicy } from "../../../model/org-policy/live.js";
import type { OrgPolicySpec } from "../../../model/org-policy/spec.js";
import { describeOwnership, isClaimable, ownedTags, ownershipOf } from "../../../model/ownership.js";
import { isGuardrailType } from "../../../policy/org/types.js";
import type { AttachmentTarget, OrgPolicyResource } from "./resources.js";

type Base = { account: string; accountId: string; service: "organizations" };

/** The live document, or its text when it does not parse or nests beyond any real policy. */
function parsed(content: string): unknown {
  const result = parseJsonText(content);
  return "value" in result ? result.value : content;
}

export function diffOrgPolicyChanges(ctx: DiffContext): void {
  const org = ctx.desired.organization;
  const spec = org?.policies;
  const liveOrg = ctx.live.organization;
  const live = liveOrg?.policies;
  if (!org || !spec || !liveOrg || !live || ctx.failedAccounts.has(ctx.managementKey)) return;
  const base: Base = { account: ctx.managementKey, accountId: org.managementAccount, service: "organizations" };
  const owner = ctx.desired.settings.owner;
  const address = (type: string, name: string) => formatAddress({ ...base, type, name });
  const policyAddress = (type: string, name: string) => address("org-policy", `${type}/${name}`);
  const unitPath = (id: string) => liveOrg.units.find((u) => u.id === id)?.path;
  const accountKey = (id: string) => [...ctx.accountIds].find(([, v]) => v === id)?.[0] ?? id;
  const label = (t: AttachmentTarget) => (t.kind === "root" ? "Root" : t.kind === "unit" ? t.path : t.key);
  const targetOf = (targetId: string): AttachmentTarget => {
    if (targetId === liveOrg.rootId) return { kind: "root" };
    const path = unitPath(targetId);
    return path !== undefined ? { kind: "unit", path } : { kind: "account", key: accountKey(targetId), id: targetId };
  };
  const ids = {
    rootId: liveOrg.rootId,
    unitId: (path: string) => liveOrg.units.find((u) => u.path === path)?.id ?? `unit:${path}`,
    accountId: (key: string) => ctx.accountIds.get(key) ?? accountPlaceholder(key),
    pending: (id: string) => id.startsWith("unit:") || id.startsWith("${"),
  };
  const ops = diffOrgPolicies(ctx.desired, spec, live, ids, { owner, prune: ctx.prune });

  // Keys of the pure diff → the addresses of the changes they become.
  const addressOf = new Map<string, string>();
  const attachmentName = (o: { type: string; name: string; targetId: string }) => `${o.type}/${o.name}@${label(targetOfOp(o.targetId))}`;
  const targetOfOp = (targetId: string): AttachmentTarget => {
    if (targetId.startsWith("unit:")) return { kind: "unit", path: targetId.slice(5) };
    const placeholder = /^\$\{account:(.+)\}$/.exec(targetId);
    if (placeholder) return { kind: "account", key: placeholder[1]!, id: targetId };
    return targetOf(targetId);
  };
  for (const o of ops) {
    if (o.op === "enable-type") addressOf.set(o.key, address("policy-type", o.type));
    if (o.op === "disable-type") addressOf.set(o.key, address("policy-type", o.type));
    if (o.op === "create-policy" || o.op === "delete-policy") addressOf.set(o.key, policyAddress(o.type, o.name));
    if (o.op === "attach" || o.op === "detach") addressOf.set(o.key, address("org-policy-attachment", attachmentName(o)));
    if (o.op === "enable-service") addressOf.set(o.key, address("trusted-service", o.servicePrincipal));
    if (o.op === "register-admin") addressOf.set(o.key, address("delegated-admin", `${o.servicePrincipal}@${o.account}`));
  }
  const deps = (o: OrgPolicyOp) => o.needs.flatMap((k) => addressOf.get(k) ?? []);
  // A unit being created in this plan: its attachments wait for it.
  const unitDeps = (t: AttachmentTarget) => (t.kind === "unit" && !liveOrg.units.some((u) => u.path === t.path) ? [address("unit", t.path)] : []);
  const accountDeps = (t: AttachmentTarget) => (t.kind === "account" && t.id.startsWith("${") ? [address("account", t.key)] : []);

  for (const o of ops) {
    switch (o.op) {
      case "enable-type":
        ctx.changes.push(makeChange({ ...base, type: "policy-type", name: o.type, action: "create", before: null, after: { type: o.type } }));
        break;
      case "disable-type":
        ctx.changes.push(makeChange({ ...base, type: "policy-type", name: o.type, action: "delete", before: { type: o.type }, after: null, destructive: true }));
        break;
      case "attach":
      case "detach": {
        const target = targetOfOp(o.targetId);
        const resource = { policy: o.name, type: o.type, awsManaged: live.policies.some((p) => p.awsManaged && p.name === o.name && p.type === o.type), target };
        const attach = o.op === "attach";
        ctx.changes.push(
          makeChange({
            ...base,
            type: "org-policy-attachment",
            name: attachmentName(o),
            action: attach ? "create" : "delete",
            before: attach ? null : resource,
            after: attach ? resource : null,
            dependsOn: [...deps(o), ...unitDeps(target), ...accountDeps(target)],
            // A guardrail attached can take access away, and one detached can too (FullAWSAccess, an allow-list).
            destructive: isGuardrailType(o.type),
          }),
        );
        break;
      }
      case "delete-policy": {
        const found = live.policies.find((p) => p.id === o.id)!;
        ctx.changes.push(makeChange({ ...base, type: "org-policy", name: `${o.type}/${o.name}`, action: "delete", before: shapeOf(found), after: null, dependsOn: deps(o) }));
        break;
      }
      case "enable-service":
        ctx.changes.push(makeChange({ ...base, type: "trusted-service", name: o.servicePrincipal, action: "create", before: null, after: { servicePrincipal: o.servicePrincipal } }));
        break;
      case "register-admin":
        ctx.changes.push(
          makeChange({ ...base, type: "delegated-admin", name: `${o.servicePrincipal}@${o.account}`, action: "create", before: null, after: { account: o.account, accountId: o.accountId, servicePrincipal: o.servicePrincipal }, dependsOn: deps(o) }),
        );
        break;
      default:
        break;
    }
  }
  for (const p of spec.policies) policyChange(ctx, base, p, live.policies, owner);
  orphans(ctx, base, spec.trustedServices, spec.delegatedAdministrators.map((d) => `${ctx.accountIds.get(d.account) ?? d.account}/${d.servicePrincipal}`), live, accountKey);

  for (const lockout of findLockouts(ctx.desired, spec, ctx.opts.callerRoleArn ?? `arn:aws:iam::${org.managementAccount}:root`, ctx.live.organization?.id)) {
    const { decision } = lockout.lockout;
    const policy = decision.explicit ? spec.policies.find((p) => p.name === decision.policy) : undefined;
    ctx.conflicts.push({ address: policy ? policyAddress(policy.type, policy.name) : address("policy-type", "SERVICE_CONTROL_POLICY"), message: lockout.message });
  }
}

function shapeOf(p: LiveOrgPolicy): OrgPolicyResource {
  return { name: p.name, type: p.type, description: p.description, document: parsed(p.content), tags: p.tags };
}

function policyChange(ctx: DiffContext, base: Base, p: OrgPolicySpec, live: LiveOrgPolicy[], owner: string): void {
  const name = `${p.type}/${p.name}`;
  const after: OrgPolicyResource = { name: p.name, type: p.type, description: p.description, document: p.document, tags: ownedTags(p.tags, owner) };
  const found = live.find((l) => !l.awsManaged && l.type === p.type && l.name === p.name);
  if (!found) {
    ctx.changes.push(makeChange({ ...base, type: "org-policy", name, action: "create", before: null, after }));
    return;
  }
  const before = shapeOf(found);
  const ownership = ownershipOf(found.tags, owner);
  if (!isClaimable(ownership) && !p.adopt) {
    ctx.conflicts.push({ address: formatAddress({ ...base, type: "org-policy", name }), message: `policy ${p.name} (${p.type}) exists and is ${describeOwnership(ownership)}; set adopt: true to take it over` });
    return;
  }
  const parts: ChangedPart[] = [];
  if (found.description !== p.description) parts.push({ kind: "attribute", name: "description" });
  if (!contentEqual(p.type, found.content, p.document)) parts.push({ kind: "attribute", name: "content" });
  if (canonicalJson(found.tags) !== canonicalJson(after.tags)) parts.push({ kind: "attribute", name: "tags" });
  if (parts.length === 0) return;
  // Unchanged content keeps the live text, so the patch shows only what changes.
  const target = parts.some((x) => x.kind === "attribute" && x.name === "content") ? after : { ...after, document: before.document };
  const action = isClaimable(ownership) ? "update" : "adopt";
  // A guardrail's new content can take access away.
  const destructive = isGuardrailType(p.type) && parts.some((x) => x.kind === "attribute" && x.name === "content");
  ctx.changes.push(makeChange({ ...base, type: "org-policy", name, action, before, after: target, destructive, reasons: [...changedReasons(parts), ...claimReasons(ownership)] }));
}

/** Trusted services and delegated administrators the YAML does not list: shown, never removed. */
function orphans(ctx: DiffContext, base: Base, trusted: string[], admins: string[], live: { trustedServices: string[]; delegatedAdministrators: { accountId: string; servicePrincipal: string }[] }, accountKey: (id: string) => string): void {
  for (const s of live.trustedServices) {
    if (trusted.includes(s)) continue;
    const r = { servicePrincipal: s };
    ctx.changes.push(makeChange({ ...base, type: "trusted-service", name: s, action: "noop", before: r, after: r, reasons: [{ kind: "orphan", what: "trusted service", removal: "never" }] }));
  }
  for (const d of live.delegatedAdministrators) {
    if (admins.includes(`${d.accountId}/${d.servicePrincipal}`)) continue;
    const r = { account: accountKey(d.accountId), accountId: d.accountId, servicePrincipal: d.servicePrincipal };
    ctx.changes.push(makeChange({ ...base, type: "delegated-admin", name: `${d.servicePrincipal}@${r.account}`, action: "noop", before: r, after: r, reasons: [{ kind: "orphan", what: "delegated administrator", removal: "never" }] }));
  }
}
