// What each reference (src/model/references) stands for in a plan: the values known now (ids
// of existing accounts, ARNs of declared roles, ids of live AppConfig objects). A role ARN in
// an account still to be created becomes an ARN around that account's `${account:<key>}`
// placeholder, which apply already fills in once the account exists; anything else unknown
// stays as written and shows in the plan as known after apply.
import { formatReference, type Reference } from "../model/references/grammar.js";
import { substitute, type ReferenceLookup } from "../model/references/substitute.js";
import { expandRoles } from "../model/targets.js";
import { accountIdOrPlaceholder, type DiffContext } from "./context.js";
import type { LiveApplication } from "./types.js";

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

/** The value with every reference known now replaced; the rest, as notes for the plan ("known after apply"). */
export function resolveKnown<T>(ctx: DiffContext, value: T): { value: T; notes: string[] } {
  const out = substitute(value, referenceLookup(ctx));
  // Account placeholders are the plan's own mechanism (a dependency on the account's creation).
  const pending = out.pending.filter((r) => r.kind !== "account").map(formatReference);
  return { value: out.value, notes: pending.map((r) => `${r}: (known after apply)`) };
}
