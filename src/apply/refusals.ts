// Refusals checked before anything runs, whatever the plan says (a plan file can be
// edited by hand): never touch the role orgctl reaches accounts through, nor the role
// the caller is using, nor do what a kind refuses without an explicit flag (closing an
// account). A plan with
// conflicts is refused whole: applying the rest would report success for a desired state
// that is not reached.
import { lockoutReason } from "./lockout.js";
import type { KindRegistry } from "../engine/kind.js";
import type { ResourceType } from "../engine/resources.js";
import type { ChangeOf, Plan } from "../engine/types.js";

export interface SafetyOptions {
  kinds: KindRegistry;
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
    const lockout = lockoutReason(change, { accessRole: opts.accessRole, callerArn: opts.callerArn }, opts.kinds);
    if (lockout) out.push(lockout);
    const refused = kindRefusal(change, opts);
    if (refused) out.push(refused);
  }
  return out;
}

function kindRefusal<T extends ResourceType>(change: ChangeOf<T>, opts: SafetyOptions): string | undefined {
  return opts.kinds.kindOf(change)?.refuse?.(change, { allowCloseAccounts: opts.allowCloseAccounts });
}
