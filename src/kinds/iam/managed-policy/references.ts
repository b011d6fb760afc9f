// `${policy:<account>/<name>}` at plan time: the ARN of the policy the desired state declares
// there. The account-less `${policy:<name>}` belongs to the role or group naming it, which
// resolves it in its own account (declaredPolicyArn).
import { accountIdOrPlaceholder, type DiffContext } from "../../../engine/context.js";
import { declaredPolicyArn } from "../../../model/policy-arns.js";
import type { Reference } from "../../../model/references/grammar.js";

export function resolvePolicyReference(ref: Reference, ctx: DiffContext): string | undefined {
  if (ref.kind !== "policy" || ref.account === undefined) return undefined;
  return declaredPolicyArn(ctx.desired.policies, ref.name, accountIdOrPlaceholder(ctx, ref.account));
}
