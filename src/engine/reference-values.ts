// References (src/model/references) at plan time, one generic step for every kind: the
// desired state is resolved before any diff, so what is known now (ids of existing accounts,
// ARNs of declared roles, ids of live AppConfig objects) is compared as the value IAM holds
// and a live resource holding it shows no change. A role ARN in an account still to be
// created becomes an ARN around that account's `${account:<key>}` placeholder, which apply
// already fills in once the account exists; anything else only apply can learn stays as
// written, and the change that carries it says "(known after apply)".
import { formatReference, type Reference } from "../model/references/grammar.js";
import { referencesIn, substitute, type ReferenceLookup } from "../model/references/substitute.js";
import { expandRoles } from "../model/targets.js";
import type { DesiredState } from "../model/types.js";
import { accountIdOrPlaceholder, type DiffContext } from "./context.js";
import type { Change, LiveApplication } from "./types.js";

/** AppConfig content and validator schemas are the application's data: never rewritten. */
export const USER_DATA = new Set(["content", "validators"]);

export function referenceLookup(ctx: DiffContext): ReferenceLookup {
  const roles = new Map(expandRoles(ctx.desired).map(({ account, role }) => [`${account.key}/${role.name.toLowerCase()}`, role]));
  const liveApp = (name: string): LiveApplication | undefined => {
    const app = ctx.desired.appconfig.find((a) => a.name === name);
    return app && ctx.live.accounts[app.account]?.appconfig[app.region]?.[app.name];
  };
  return (ref: Reference) => {
    switch (ref.kind) {
      case "account":
        return ctx.accountIds.get(ref.account);
      case "role": {
        const role = roles.get(`${ref.account}/${ref.name.toLowerCase()}`);
        return role && `arn:aws:iam::${accountIdOrPlaceholder(ctx, ref.account)}:role${role.path}${role.name}`;
      }
      case "policy":
        return undefined;
      case "app":
        return liveApp(ref.app)?.id;
      case "environment":
        return liveApp(ref.app)?.environments.find((e) => e.name === ref.name)?.id;
      case "profile":
        return liveApp(ref.app)?.profiles.find((p) => p.name === ref.name)?.id;
    }
  };
}

/** The desired state with every reference known now written in. */
export function resolveDesired(ctx: DiffContext): DesiredState {
  return substitute(ctx.desired, referenceLookup(ctx), USER_DATA).value;
}

/** Notes each change that still carries a reference apply must learn first. */
export function noteUnresolved(changes: Change[]): void {
  for (const change of changes) {
    if (change.action === "noop" || change.action === "delete") continue;
    // Account placeholders are the plan's own mechanism: a dependency on the account's creation.
    const pending = referencesIn(change.after, USER_DATA).filter((r) => r.kind !== "account");
    for (const ref of pending) change.notes.push(`${formatReference(ref)}: (known after apply)`);
  }
}
