// The grants policy read back into `grant: true`: orgctl's reserved inline policy
// (orgctl-grants) is never written out as an inline policy (validate refuses that name);
// instead a role whose trust names a caller that holds a grant on it gets `grant: true`,
// which renders the same policy again, so import → plan shows no change to it. A group
// holding a grant was trusted through its account's root (IAM has no group principal):
// that account is written back as `groups: ["<account>/<group>"]`.
import { policiesEqual } from "../engine/policy.js";
import { GRANTS_POLICY } from "../model/grants/policy.js";
import { trustPolicy } from "../model/trust.js";
import type { PolicyDocument, PolicyStatement, TrustSpec } from "../model/types.js";
import type { AccountRefs } from "./trust-sugar.js";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** A role or group that may hold the grants policy. */
export interface Caller {
  kind: "role" | "group";
  /** Account key. */
  key: string;
  name: string;
  inlinePolicies: Record<string, PolicyDocument>;
}

/** "<account>/<lower-cased role>" of a granted role → its callers, by "<kind>:<account>/<lower-cased name>" → the name as IAM spells it. */
export type GrantsRead = Map<string, Map<string, string>>;

export function grantsRead(callers: Caller[], refs: AccountRefs): GrantsRead {
  const out: GrantsRead = new Map();
  for (const caller of callers) {
    const doc = Object.entries(caller.inlinePolicies).find(([name]) => name.toLowerCase() === GRANTS_POLICY)?.[1];
    if (!doc) continue;
    const id = `${caller.kind}:${caller.key}/${caller.name.toLowerCase()}`;
    for (const arn of resources(doc)) {
      const m = ROLE_ARN.exec(arn);
      if (!m) continue;
      const granted = `${refs.refOf(m[1]!)}/${m[2]!.toLowerCase()}`;
      const holders = out.get(granted) ?? new Map<string, string>();
      out.set(granted, holders.set(id, caller.name));
    }
  }
  return out;
}

/**
 * The trust of the role `role` in account `key` as written back: `grant: true` when a role
 * it trusts holds a grant on it, and each trusted account in which groups hold one becomes
 * those groups. Kept as recognized when the result would not render the same policy.
 */
export function withGrants(read: GrantsRead, key: string, role: string, trust: TrustSpec, doc: PolicyDocument, refs: AccountRefs): TrustSpec {
  const holders = read.get(`${key}/${role.toLowerCase()}`);
  if (!holders) return trust;
  const roleGranted = trust.roles.some((r) => holders.has(`role:${r.toLowerCase()}`));
  const groups: string[] = [];
  const accounts = trust.accounts.filter((account) => {
    const inAccount = [...holders].filter(([id]) => id.startsWith(`group:${account.toLowerCase()}/`)).map(([, name]) => `${account}/${name}`);
    groups.push(...inAccount.sort());
    return inAccount.length === 0;
  });
  if (!roleGranted && groups.length === 0) return trust;
  const granted: TrustSpec = { ...trust, accounts, ...(groups.length > 0 ? { groups } : {}), grant: true };
  return policiesEqual(trustPolicy(granted, refs.idOf), doc) ? granted : trust;
}

/**
 * What import says about a caller whose policy under the reserved name is not one a grant
 * writes (one Allow of sts:AssumeRole on role ARNs): it is left out like every grants policy,
 * so the first plan removes it, and a hand-made permission must not vanish unannounced.
 */
export function foreignGrants(callers: Caller[]): string[] {
  const notes: string[] = [];
  for (const caller of callers) {
    for (const [name, doc] of Object.entries(caller.inlinePolicies)) {
      if (name.toLowerCase() !== GRANTS_POLICY || isGrantShaped(doc)) continue;
      notes.push(`${caller.kind} ${caller.name} in ${caller.key}: its inline policy ${name} is not a grant orgctl writes (the name is reserved for grant: true): left out, so the first plan removes it; rename it in IAM to keep it`);
    }
  }
  return notes.sort();
}

function isGrantShaped(doc: PolicyDocument): boolean {
  const statements: PolicyStatement[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  const one = (v: unknown): string[] | undefined => (typeof v === "string" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined);
  return statements.every((s) => {
    const actions = one(s.Action);
    const resources = one(s.Resource);
    return (
      Object.keys(s).every((k) => k === "Effect" || k === "Action" || k === "Resource") &&
      s.Effect === "Allow" &&
      actions?.length === 1 &&
      actions[0]!.toLowerCase() === "sts:assumerole" &&
      resources !== undefined &&
      resources.length > 0 &&
      resources.every((r) => ROLE_ARN.test(r))
    );
  });
}

/** The inline policies without orgctl's reserved one. */
export function withoutGrants(policies: Record<string, PolicyDocument>): Record<string, PolicyDocument> {
  return Object.fromEntries(Object.entries(policies).filter(([name]) => name.toLowerCase() !== GRANTS_POLICY));
}

function resources(doc: PolicyDocument): string[] {
  const statements: PolicyStatement[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.flatMap((s) => (s.Effect === "Allow" ? [s.Resource].flat().filter((r): r is string => typeof r === "string") : []));
}
