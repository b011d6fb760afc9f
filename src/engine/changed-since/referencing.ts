// A reference to a role or a policy (`${role:dev/reader}`, `${policy:audit}`) is written into
// the account that holds it as the ARN, which carries the path: when the named role or policy
// appears, disappears or changes path, the referencing account's text is unchanged but what
// orgctl sends there is not. Those accounts are in scope too. So are those naming an AppConfig
// id (`${app:…}`, `${environment:…}`, `${profile:…}`): an application that moves to another
// account or region is another application, with another id.
import type { DesiredState } from "../../model/types.js";
import { targetAccounts } from "../../model/targets.js";
import type { Pairs } from "./account-views.js";

const REFERENCE = /\$\{(role|policy|app|environment|profile):([^}\s]+)\}/g;

/** "role:<account>/<name>" and "policy:…" (lower-cased) → path, for every role and policy the state puts in an account; AppConfig's → where they are. */
export function referenceTargets(state: DesiredState, pairs: Pairs): Map<string, string> {
  const out = new Map<string, string>();
  for (const { account, role } of pairs) out.set(`role:${account.key}/${role.name}`.toLowerCase(), role.path);
  for (const policy of state.policies) {
    for (const account of targetAccounts(state.accounts, policy.targets)) out.set(`policy:${account.key}/${policy.name}`.toLowerCase(), policy.path);
  }
  for (const app of state.appconfig) {
    const where = `${app.account}/${app.region}`;
    out.set(`app:${app.name}`.toLowerCase(), where);
    for (const env of app.environments) out.set(`environment:${app.name}/${env.name}`.toLowerCase(), where);
    for (const profile of app.profiles) out.set(`profile:${app.name}/${profile.name}`.toLowerCase(), where);
  }
  return out;
}

/** The accounts whose text names one of `changed` (keyed as referenceTargets keys them). */
export function referencingAccounts(views: ReadonlyMap<string, string>, changed: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  if (changed.size === 0) return out;
  for (const [account, text] of views) {
    for (const [, kind, target] of text.matchAll(REFERENCE)) {
      // `${policy:<name>}` names the policy in the account of the role or group naming it.
      const qualified = kind !== "policy" || target!.includes("/") ? target! : `${account}/${target}`;
      if (changed.has(`${kind}:${qualified}`.toLowerCase())) {
        out.add(account);
        break;
      }
    }
  }
  return out;
}
