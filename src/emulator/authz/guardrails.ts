// The organization's guardrails in the emulator's authorization: SCPs filter what principals
// of member accounts may do (never the management account's), and RCPs filter what may be
// done to resources in member accounts, for the services RCPs govern (STS among the emulated
// ones). Both inherit from the root through each OU down to the account, evaluated by the
// same pure code orgctl's plan-time lockout guard uses (src/policy/org/evaluate.ts).
import { evaluateGuardrails, type Level } from "../../policy/org/evaluate.js";
import { rcpApplies, type GuardrailType } from "../../policy/org/types.js";
import type { RequestContext } from "../../policy/conditions.js";
import { policyArn } from "../organizations/policies/shapes.js";
import { attachedTo } from "../organizations/policies/store.js";
import { ancestry } from "../organizations/shapes.js";
import { orgState, type Organization } from "../organizations/state.js";
import type { Principal, World } from "../types.js";

export type GuardrailReason = "explicit-scp" | "implicit-scp" | "explicit-rcp" | "implicit-rcp";

export interface GuardrailDenial {
  reason: GuardrailReason;
  resource: string;
  /** The ARN of the denying policy (AWS names it in same-organization denials). */
  policyArn?: string;
}

/** The levels root → OUs → account for a member account, or undefined when the type does not filter it. */
function levelsFor(org: Organization, accountId: string, type: GuardrailType): Level[] | undefined {
  const account = org.accounts.get(accountId);
  if (!account || accountId === org.managementAccountId || !org.policies.enabledTypes.has(type)) return undefined;
  return [...ancestry(org, account.parentId), account.id].map((target) => ({
    target,
    policies: attachedTo(org.policies, target, type).map((p) => ({ name: policyArn(org, p), content: p.content })),
  }));
}

/** The organization's own condition keys for a caller: aws:PrincipalOrgID for members. */
export function organizationKeys(world: World, principal: Principal): Record<string, string> {
  const org = orgState(world).org;
  return org?.accounts.has(principal.accountId) ? { "aws:PrincipalOrgID": org.id } : {};
}

export function guardrailDenial(world: World, principal: Principal, action: string, resources: string[], context: RequestContext): GuardrailDenial | undefined {
  const org = orgState(world).org;
  if (!org) return undefined;
  const who = { arn: principal.roleArn ?? principal.arn, accountId: principal.accountId };
  const scp = levelsFor(org, principal.accountId, "SERVICE_CONTROL_POLICY");
  for (const resource of resources) {
    if (scp) {
      const d = evaluateGuardrails(scp, { action, resource, principal: who, context });
      if (!d.allowed) return d.explicit ? { reason: "explicit-scp", resource, policyArn: d.policy } : { reason: "implicit-scp", resource };
    }
    if (!rcpApplies(action)) continue;
    const rcp = levelsFor(org, resource.split(":")[4] ?? "", "RESOURCE_CONTROL_POLICY");
    if (!rcp) continue;
    const d = evaluateGuardrails(rcp, { action, resource, principal: who, context });
    if (!d.allowed) return d.explicit ? { reason: "explicit-rcp", resource, policyArn: d.policy } : { reason: "implicit-rcp", resource };
  }
  return undefined;
}
