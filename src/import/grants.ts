// The grants policy read back into `grant: true`: orgctl's reserved inline policy
// (orgctl-grants) is never written out as an inline policy (validate refuses that name);
// instead a role whose trust names a caller that holds a grant on it gets `grant: true`,
// which renders the same policy again, so import → plan shows no change to it.
import type { LiveRole } from "../kinds/iam/live.js";
import { GRANTS_POLICY } from "../model/grants/policy.js";
import type { PolicyDocument, PolicyStatement } from "../model/types.js";
import type { AccountRefs } from "./trust-sugar.js";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/;

/** "<account>/<lower-cased role>" of a granted role → the callers ("<account>/<lower-cased role>") holding the grant. */
export type GrantsRead = Map<string, Set<string>>;

export function grantsRead(accounts: { key: string; roles: LiveRole[] }[], refs: AccountRefs): GrantsRead {
  const out: GrantsRead = new Map();
  for (const { key, roles } of accounts) {
    for (const role of roles) {
      const doc = Object.entries(role.inlinePolicies).find(([name]) => name.toLowerCase() === GRANTS_POLICY)?.[1];
      if (!doc) continue;
      const caller = `${key}/${role.name.toLowerCase()}`;
      for (const arn of resources(doc)) {
        const m = ROLE_ARN.exec(arn);
        if (!m) continue;
        const granted = `${refs.refOf(m[1]!)}/${m[2]!.toLowerCase()}`;
        out.set(granted, (out.get(granted) ?? new Set()).add(caller));
      }
    }
  }
  return out;
}

/** Whether the role (in account `key`) grants any of the trust's roles. */
export function grantsTrust(read: GrantsRead, key: string, role: string, trustRoles: string[]): boolean {
  const callers = read.get(`${key}/${role.toLowerCase()}`);
  return callers !== undefined && trustRoles.some((r) => callers.has(r.toLowerCase()));
}

/** The inline policies without orgctl's reserved one. */
export function withoutGrants(policies: Record<string, PolicyDocument>): Record<string, PolicyDocument> {
  return Object.fromEntries(Object.entries(policies).filter(([name]) => name.toLowerCase() !== GRANTS_POLICY));
}

function resources(doc: PolicyDocument): string[] {
  const statements: PolicyStatement[] = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.flatMap((s) => (s.Effect === "Allow" ? [s.Resource].flat().filter((r): r is string => typeof r === "string") : []));
}
