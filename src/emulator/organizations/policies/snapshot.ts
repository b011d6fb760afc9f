// The policy part of Snapshot.organizations: enabled types, the organization's own policies
// and their targets, where the AWS managed guardrails were detached, delegated
// administrators and trusted services. Targets are written "/" (the root), an OU path
// ("Workloads/Dev") or an account id, like the rest of the organization snapshot.
import { AWS_MANAGED, isGuardrailType, isPolicyType, type PolicyType } from "../../../policy/org/types.js";
import type { World } from "../../types.js";
import { ids, type Organization, type Tag } from "../state.js";
import type { OrgPolicy } from "./store.js";

export interface PoliciesSnapshot {
  policyTypes?: PolicyType[];
  policies?: {
    id?: string;
    name: string;
    type: PolicyType;
    description?: string;
    /** The document: JSON text, or the object itself. */
    content: string | object;
    tags?: Record<string, string>;
    targets?: string[];
  }[];
  /** Targets an AWS managed guardrail (FullAWSAccess, RCPFullAWSAccess) is not attached to, by type. */
  managedDetachedFrom?: Partial<Record<PolicyType, string[]>>;
  delegatedAdministrators?: { accountId: string; servicePrincipal: string }[];
  trustedServices?: string[];
}

export interface TargetNames {
  /** "/", OU path or account id → target id (OUs are created as needed). */
  resolve(name: string): string;
  /** Target id → "/", OU path or account id. */
  nameOf(id: string): string;
}

export function seedPolicies(world: World, org: Organization, spec: PoliciesSnapshot, names: TargetNames): void {
  const store = org.policies;
  const now = world.clock.wallNow();
  for (const type of spec.policyTypes ?? []) {
    if (!isPolicyType(type)) throw new Error(`snapshot.organizations.policyTypes: unknown policy type ${String(type)}`);
    store.enabledTypes.add(type);
    if (isGuardrailType(type)) {
      const managed = store.policies.get(AWS_MANAGED[type].id)!;
      for (const id of [org.rootId, ...org.units.keys(), ...org.accounts.keys()]) managed.targets.add(id);
    }
  }
  for (const p of spec.policies ?? []) {
    if (!isPolicyType(p.type)) throw new Error(`snapshot.organizations.policies: unknown policy type ${String(p.type)}`);
    const policy: OrgPolicy = {
      id: p.id ?? ids.policy(world),
      name: p.name,
      description: p.description ?? "",
      type: p.type,
      content: typeof p.content === "string" ? p.content : JSON.stringify(p.content),
      awsManaged: false,
      targets: new Set((p.targets ?? []).map((t) => names.resolve(t))),
    };
    store.policies.set(policy.id, policy);
    if (p.tags) org.tags.set(policy.id, Object.entries(p.tags).map(([Key, Value]): Tag => ({ Key, Value })));
  }
  for (const [type, targets] of Object.entries(spec.managedDetachedFrom ?? {})) {
    if (!isGuardrailType(type)) continue;
    for (const t of targets ?? []) store.policies.get(AWS_MANAGED[type].id)!.targets.delete(names.resolve(t));
  }
  for (const d of spec.delegatedAdministrators ?? []) {
    const services = store.delegatedAdmins.get(d.accountId) ?? new Map<string, number>();
    services.set(d.servicePrincipal, now);
    store.delegatedAdmins.set(d.accountId, services);
  }
  for (const principal of spec.trustedServices ?? []) store.serviceAccess.set(principal, now);
}

export function dumpPolicies(org: Organization, names: TargetNames): PoliciesSnapshot {
  const store = org.policies;
  const tagsOf = (id: string) => {
    const tags = org.tags.get(id);
    return tags?.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
  };
  const everyTarget = [org.rootId, ...org.units.keys(), ...org.accounts.keys()];
  const managedDetachedFrom: Partial<Record<PolicyType, string[]>> = {};
  for (const type of store.enabledTypes) {
    if (!isGuardrailType(type)) continue;
    const managed = store.policies.get(AWS_MANAGED[type].id)!;
    const missing = everyTarget.filter((id) => !managed.targets.has(id)).map((id) => names.nameOf(id));
    if (missing.length) managedDetachedFrom[type] = missing;
  }
  const nonEmpty = <T>(list: T[]) => (list.length ? list : undefined);
  return {
    policyTypes: nonEmpty([...store.enabledTypes]),
    policies: nonEmpty([...store.policies.values()]
      .filter((p) => !p.awsManaged)
      .map((p) => ({ id: p.id, name: p.name, type: p.type, description: p.description, content: p.content, tags: tagsOf(p.id), targets: [...p.targets].map((id) => names.nameOf(id)) }))),
    managedDetachedFrom: Object.keys(managedDetachedFrom).length ? managedDetachedFrom : undefined,
    delegatedAdministrators: nonEmpty([...store.delegatedAdmins].flatMap(([accountId, services]) => [...services.keys()].map((servicePrincipal) => ({ accountId, servicePrincipal })))),
    trustedServices: nonEmpty([...store.serviceAccess.keys()]),
  };
}
