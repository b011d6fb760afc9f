// Refusals checked before anything runs, whatever the plan says (a plan file can be
// edited by hand): never touch the role orgctl reaches accounts through, nor the role
// the caller is using, and never close an account without an explicit flag. A plan with
// conflicts is refused whole: applying the rest would report success for a desired state
// that is not reached.
import { lockoutReason } from "./lockout.js";
import type { Plan } from "../engine/types.js";

export interface SafetyOptions {
  accessRole: string;
  /** GetCallerIdentity ARN of the credentials running apply. */
  callerArn: string;
  allowCloseAccounts: boolean;
}

/** One message per conflict or change that must not be applied. */
export function refusals(plan: Pick<Plan, "changes" | "conflicts">, opts: SafetyOptions): string[] {
  const out = plan.conflicts.map((c) => `conflict: ${c.address}: ${c.message}; resolve it in the YAML and plan again`);
  for (const change of plan.changes) {
    if (change.action === "noop") continue;
    const lockout = lockoutReason(change, { accessRole: opts.accessRole, callerArn: opts.callerArn });
    if (lockout) out.push(lockout);
    if (change.service === "organizations" && change.type === "account" && change.action === "delete" && !opts.allowCloseAccounts) {
      out.push(`refused: ${change.address} would close the account; pass --allow-close-accounts to allow it`);
    }
  }
  return out;
}
