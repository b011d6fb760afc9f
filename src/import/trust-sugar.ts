// Recognises trust policies that orgctl's `trust:` sugar renders (src/model/trust.ts), so
// import can write the sugar back. A document is sugar only if rendering the recognised
// sugar gives a policy IAM treats as the same one; anything else stays raw.
import { normalizePolicy, policiesEqual } from "../engine/policy.js";
import { trustPolicy } from "../model/trust.js";
import type { PolicyDocument, PolicyStatement, TrustSpec } from "../model/types.js";

const ROOT_ARN = /^arn:aws:iam::(\d{12}):root$/;
/** trust.roles entries are "<account>/<name>": roles with a path cannot be written as sugar. */
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/([\w+=,.@-]+)$/;
const MFA = { operator: "Bool", key: "aws:MultiFactorAuthPresent" };
const EXTERNAL_ID = { operator: "StringEquals", key: "sts:ExternalId" };

export interface AccountRefs {
  /** Account key for an id the organization knows, else the id itself. */
  refOf(accountId: string): string;
  /** The inverse: id for a key or id. */
  idOf(ref: string): string;
}

/** The sugar for `doc`, or undefined when only a raw assumeRolePolicy says the same. */
export function recognizeTrust(doc: PolicyDocument, refs: AccountRefs): TrustSpec | undefined {
  const normal = normalizePolicy(doc);
  const trust: TrustSpec = { accounts: [], roles: [], services: [], requireMfa: false };
  let sawAws = false;
  let sawService = false;
  for (const statement of normal.Statement as PolicyStatement[]) {
    if (!isPlainAssumeRole(statement)) return undefined;
    const principal = statement.Principal as Record<string, string[]>;
    const kinds = Object.keys(principal);
    if (kinds.length !== 1) return undefined;
    if (kinds[0] === "AWS" && !sawAws) {
      sawAws = true;
      if (!readAwsPrincipals(principal.AWS!, trust, refs)) return undefined;
      if (!readConditions(statement.Condition, trust)) return undefined;
    } else if (kinds[0] === "Service" && !sawService && statement.Condition === undefined) {
      sawService = true;
      trust.services = [...principal.Service!];
    } else {
      return undefined;
    }
  }
  if (!sawAws && !sawService) return undefined;
  return policiesEqual(trustPolicy(trust, refs.idOf), doc) ? trust : undefined;
}

function isPlainAssumeRole(s: PolicyStatement): boolean {
  const extra = Object.keys(s).filter((k) => !["Effect", "Principal", "Action", "Condition"].includes(k));
  const action = s.Action as string[] | undefined;
  return extra.length === 0 && s.Effect === "Allow" && action?.length === 1 && action[0] === "sts:AssumeRole" && typeof s.Principal === "object";
}

function readAwsPrincipals(arns: string[], trust: TrustSpec, refs: AccountRefs): boolean {
  for (const arn of arns) {
    const root = ROOT_ARN.exec(arn);
    const role = ROLE_ARN.exec(arn);
    if (root) trust.accounts.push(refs.refOf(root[1]!));
    else if (role) trust.roles.push(`${refs.refOf(role[1]!)}/${role[2]!}`);
    else return false;
  }
  return true;
}

function readConditions(condition: unknown, trust: TrustSpec): boolean {
  if (condition === undefined) return true;
  for (const [operator, block] of Object.entries(condition as Record<string, Record<string, string[]>>)) {
    const entries = Object.entries(block);
    if (entries.length !== 1) return false;
    const [key, values] = entries[0]!;
    if (values.length !== 1) return false;
    if (operator === MFA.operator && key === MFA.key && values[0] === "true") trust.requireMfa = true;
    else if (operator === EXTERNAL_ID.operator && key === EXTERNAL_ID.key) trust.externalId = values[0]!;
    else return false;
  }
  return true;
}
