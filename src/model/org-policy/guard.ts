// The plan-time lockout guard for guardrails: for every member account, the SCPs and RCPs the
// desired state would leave on it (root → OUs → account) are evaluated against the calls
// orgctl needs there (needed-calls.ts); the first denial is reported with the statement that
// does it. Evaluated by src/policy/org (the emulator's own evaluator), never pattern-matched.
import { describeLockout, findLockout, type AccountGuardrails, type Lockout } from "../../policy/org/lockout.js";
import { GUARDRAIL_TYPES } from "../../policy/org/types.js";
import type { AccountSpec, DesiredState } from "../types.js";
import { neededCalls } from "./needed-calls.js";
import { placedOn, targetLabel, type TargetRef } from "./placement.js";
import { desiredPolicyTypes, type OrgPoliciesSpec } from "./spec.js";

/** Stands in for an account orgctl has yet to create (its id is unknown until then). */
const NEW_ACCOUNT_ID = "000000000000";

export interface AccountLockout {
  account: string;
  lockout: Lockout;
  /** "orgctl would be locked out of account sandbox: iam:CreateRole on … is denied by statement 0 (Sid …) of SCP … attached to Sandbox". */
  message: string;
}

/** Root, then each unit from the top down to the account's own, then the account. */
function chain(account: AccountSpec): TargetRef[] {
  const units: TargetRef[] = [];
  if (account.unit !== null) {
    const parts = account.unit.split("/");
    for (let i = 1; i <= parts.length; i++) units.push({ kind: "unit", path: parts.slice(0, i).join("/") });
  }
  return [{ kind: "root" }, ...units, { kind: "account", key: account.key }];
}

export function guardrailsFor(state: Pick<DesiredState, "accounts">, spec: OrgPoliciesSpec, account: AccountSpec): AccountGuardrails {
  const enabled = desiredPolicyTypes(spec);
  const out: AccountGuardrails = {};
  for (const type of GUARDRAIL_TYPES) {
    if (!enabled.has(type)) continue;
    out[type] = chain(account).map((t) => ({ target: targetLabel(t), policies: placedOn(state, spec, t, type) }));
  }
  return out;
}

export function findLockouts(state: Pick<DesiredState, "organization" | "accounts" | "roles" | "appconfig">, spec: OrgPoliciesSpec, managementCaller: string, orgId?: string): AccountLockout[] {
  const management = state.organization?.managementAccount;
  const found: AccountLockout[] = [];
  for (const account of state.accounts) {
    if (account.id !== undefined && account.id === management) continue;
    const id = account.id ?? NEW_ACCOUNT_ID;
    const lockout = findLockout(id, guardrailsFor(state, spec, account), neededCalls(state, { key: account.key, id }, managementCaller), orgId);
    if (lockout) found.push({ account: account.key, lockout, message: `orgctl would be locked out of account ${account.key}: ${describeLockout(lockout)}` });
  }
  return found;
}
