// Whether a change to a group could lock out the IAM user running orgctl: a user whose
// permissions come through the group loses them when it is taken out, or when the group's
// policies are detached, deleted or rewritten so that they may allow less (the judgement
// errs towards "may": src/engine/policy-narrowing.ts). One judgement, used
// twice: by apply's lockout guard on the change, and by the operation on the group as IAM
// has it right before the calls (a plan may be stale or edited by hand).
import { iamNameKey, type UserIdentity } from "../../../aws/iam-identity.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { policyNarrows } from "../../../engine/policy-narrowing.js";
import type { GroupResource } from "./resource.js";

export function groupCallerLockout(from: GroupResource | null, to: GroupResource | null, caller: UserIdentity): string | undefined {
  const isCaller = (m: string) => iamNameKey(m) === iamNameKey(caller.name);
  if (!from?.members.some(isCaller)) return undefined;
  const what: string[] = [];
  if (!to) what.push("delete the group");
  else {
    if (!to.members.some(isCaller)) what.push(`remove ${caller.name} from it`);
    for (const arn of from.managedPolicies.filter((a) => !to.managedPolicies.includes(a))) what.push(`detach ${arn}`);
    for (const [name, doc] of Object.entries(from.inlinePolicies).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const next = to.inlinePolicies[name];
      if (!next) what.push(`delete inline policy ${name}`);
      else if (canonicalJson(next) !== canonicalJson(doc) && policyNarrows(doc, next)) what.push(`change inline policy ${name}`);
    }
  }
  if (what.length === 0) return undefined;
  return `group ${from.name} holds ${caller.name}, the IAM user these credentials belong to (${caller.arn}): the change would ${what.join(", ")}, which could take away orgctl's own access; make it with other credentials`;
}
