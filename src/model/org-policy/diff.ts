// Desired organization policies vs what AWS holds → the operations that make them equal, in
// an order AWS accepts: a type is enabled before its policies are attached; a policy is
// created before it is attached; on a target, a new guardrail is attached before
// FullAWSAccess is detached (a target keeps one SCP) and other detaches come before attaches
// (at most five per target); a policy is detached everywhere before it is deleted; trusted
// access is enabled before a delegated administrator is registered. Pure: the organization
// policy kinds turn these into plan changes (and compare existing policies themselves).
import { OWNERSHIP_TAG_KEY, type AccountSpec, type DesiredState, type Tags } from "../types.js";
import { isGuardrailType, type PolicyType } from "../../policy/org/types.js";
import type { LiveOrgPolicies, LiveOrgPolicy } from "./live.js";
import { everyTarget, placedOn, targetLabel, type TargetRef } from "./placement.js";
import { desiredPolicyTypes, policyText, type OrgPoliciesSpec, type OrgPolicySpec } from "./spec.js";

/** Ids of the desired targets that exist (an OU or account orgctl has yet to create has none yet). */
export interface TargetIds {
  rootId: string;
  unitId(path: string): string | undefined;
  accountId(key: string): string | undefined;
  /** True for an id that stands for a unit or account still to be created (it gets FullAWSAccess when created). */
  pending?(id: string): boolean;
}

interface Base {
  /** Unique within one diff; `needs` names keys that must run first. */
  key: string;
  needs: string[];
}

export type OrgPolicyOp = Base &
  (
    | { op: "enable-type" | "disable-type"; type: PolicyType }
    | { op: "create-policy"; name: string; type: PolicyType; description: string; content: string; tags: Tags }
    | { op: "delete-policy"; id: string; name: string; type: PolicyType }
    | { op: "attach" | "detach"; name: string; type: PolicyType; id?: string; targetId: string; target: string }
    | { op: "enable-service"; servicePrincipal: string }
    | { op: "register-admin"; accountId: string; account: string; servicePrincipal: string }
  );

export interface DiffOptions {
  /** The ownership tag value this desired state writes (settings.owner). */
  owner: string;
  /** Delete owned policies the YAML no longer lists. */
  prune: boolean;
}

const policyKey = (type: PolicyType, name: string) => `policy:${type}/${name}`;

function resolve(ids: TargetIds, t: TargetRef): string | undefined {
  return t.kind === "root" ? ids.rootId : t.kind === "unit" ? ids.unitId(t.path) : ids.accountId(t.key);
}

export function diffOrgPolicies(state: Pick<DesiredState, "organization" | "accounts">, spec: OrgPoliciesSpec, read: LiveOrgPolicies, ids: TargetIds, opts: DiffOptions): OrgPolicyOp[] {
  const ops: OrgPolicyOp[] = [];
  const enabled = new Set(read.enabledTypes);
  const wantTypes = desiredPolicyTypes(spec);
  for (const type of wantTypes) if (!enabled.has(type)) ops.push({ key: `type:${type}`, needs: [], op: "enable-type", type });
  const typeReady = (type: PolicyType) => (enabled.has(type) ? [] : [`type:${type}`]);

  const byName = new Map(read.policies.filter((p) => !p.awsManaged).map((p) => [`${p.type}/${p.name}`, p]));
  const declared = new Set(spec.policies.map((p) => `${p.type}/${p.name}`));
  for (const p of spec.policies) ops.push(...policyOps(p, byName.get(`${p.type}/${p.name}`), opts));

  // Attachments on every desired target that exists, for every type in use. Enabling a
  // guardrail type attaches its AWS managed policy everywhere: count it as already there.
  const targets = everyTarget(state);
  const existing = targets.map((t) => resolve(ids, t)).filter((id): id is string => id !== undefined);
  const live: LiveOrgPolicies = {
    ...read,
    policies: read.policies.map((p) => {
      if (!p.awsManaged || !isGuardrailType(p.type) || !wantTypes.has(p.type)) return p;
      if (!enabled.has(p.type)) return { ...p, targets: existing };
      return { ...p, targets: [...p.targets, ...existing.filter((id) => ids.pending?.(id) === true)] };
    }),
  };
  const attaches: OrgPolicyOp[] = [];
  const detaches: OrgPolicyOp[] = [];
  for (const type of wantTypes) {
    for (const t of targets) {
      const targetId = resolve(ids, t);
      if (targetId === undefined) continue;
      const want = new Set(placedOn(state, spec, t, type).map((p) => p.name));
      const liveHere = live.policies.filter((p) => p.type === type && p.targets.includes(targetId));
      const here: { attach: OrgPolicyOp[]; detach: OrgPolicyOp[] } = { attach: [], detach: [] };
      for (const name of want) {
        if (liveHere.some((p) => p.name === name)) continue;
        const existing = live.policies.find((p) => p.type === type && p.name === name);
        here.attach.push({ key: `attach:${type}/${name}@${targetId}`, needs: [...typeReady(type), ...(existing ? [] : [policyKey(type, name)])], op: "attach", name, type, ...(existing ? { id: existing.id } : {}), targetId, target: targetLabel(t) });
      }
      // Only what orgctl manages comes off: FullAWSAccess, declared policies, and its own.
      for (const p of liveHere) {
        if (want.has(p.name) || !(p.awsManaged || declared.has(`${p.type}/${p.name}`) || owned(p, opts.owner))) continue;
        here.detach.push({ key: `detach:${type}/${p.name}@${targetId}`, needs: [], op: "detach", name: p.name, type, id: p.id, targetId, target: targetLabel(t) });
      }
      // A target keeps one guardrail (attach first when the detaches would empty it); otherwise room first (at most five).
      const emptied = isGuardrailType(type) && liveHere.length === here.detach.length;
      if (emptied) for (const d of here.detach) d.needs.push(...here.attach.map((a) => a.key));
      else for (const a of here.attach) a.needs.push(...here.detach.map((d) => d.key));
      attaches.push(...here.attach);
      detaches.push(...here.detach);
    }
  }
  ops.push(...detaches, ...attaches);

  // Owned policies the YAML no longer lists: detached everywhere, then deleted (prune only).
  if (opts.prune) {
    for (const p of live.policies) {
      if (p.awsManaged || declared.has(`${p.type}/${p.name}`) || !owned(p, opts.owner)) continue;
      const detachKeys = p.targets.map((targetId) => `detach:${p.type}/${p.name}@${targetId}`);
      for (const targetId of p.targets) {
        if (!ops.some((o) => o.key === `detach:${p.type}/${p.name}@${targetId}`)) {
          ops.push({ key: `detach:${p.type}/${p.name}@${targetId}`, needs: [], op: "detach", name: p.name, type: p.type, id: p.id, targetId, target: targetId });
        }
      }
      ops.push({ key: policyKey(p.type, p.name), needs: detachKeys, op: "delete-policy", id: p.id, name: p.name, type: p.type });
    }
  }
  for (const type of spec.disable) if (enabled.has(type)) ops.push({ key: `type-off:${type}`, needs: [], op: "disable-type", type });

  ops.push(...serviceOps(state.accounts, spec, live));
  return ops;
}

function owned(p: LiveOrgPolicy, owner: string): boolean {
  return p.tags[OWNERSHIP_TAG_KEY] === owner;
}

/** A policy to create (its content, description and tags on existing policies are the kind's to compare). */
function policyOps(p: OrgPolicySpec, live: LiveOrgPolicy | undefined, opts: DiffOptions): OrgPolicyOp[] {
  if (live) return [];
  const tags: Tags = { ...p.tags, [OWNERSHIP_TAG_KEY]: opts.owner };
  return [{ key: policyKey(p.type, p.name), needs: [], op: "create-policy", name: p.name, type: p.type, description: p.description, content: policyText(p.document), tags }];
}

function serviceOps(accounts: AccountSpec[], spec: OrgPoliciesSpec, live: LiveOrgPolicies): OrgPolicyOp[] {
  const ops: OrgPolicyOp[] = [];
  const trusted = new Set(live.trustedServices);
  for (const s of spec.trustedServices) if (!trusted.has(s)) ops.push({ key: `service:${s}`, needs: [], op: "enable-service", servicePrincipal: s });
  const idOf = (ref: string) => accounts.find((a) => a.key === ref)?.id ?? (/^\d{12}$/.test(ref) ? ref : undefined);
  const keyOf = (id: string) => accounts.find((a) => a.id === id)?.key ?? id;
  for (const d of spec.delegatedAdministrators) {
    const accountId = idOf(d.account);
    if (accountId === undefined) continue;
    if (live.delegatedAdministrators.some((x) => x.accountId === accountId && x.servicePrincipal === d.servicePrincipal)) continue;
    ops.push({ key: `admin:${accountId}/${d.servicePrincipal}`, needs: trusted.has(d.servicePrincipal) ? [] : [`service:${d.servicePrincipal}`], op: "register-admin", accountId, account: keyOf(accountId), servicePrincipal: d.servicePrincipal });
  }
  return ops;
}
