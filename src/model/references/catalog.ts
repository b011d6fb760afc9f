// What the desired state declares, as references see it: which targets a reference may name.
// A reference to anything else is an error at validate; everything in here resolves by the
// time the operation that needs it runs (created earlier in the same apply if need be).
import { expandRoles, targetAccounts } from "../targets.js";
import type { DesiredState } from "../types.js";
import type { Reference } from "./grammar.js";

export interface Catalog {
  accounts: Set<string>;
  /** `<account key>/<lower-cased role name>` (IAM names compare case-insensitively). */
  roles: Set<string>;
  /** `<account key>/<lower-cased policy name>`: customer managed policies the state declares. */
  policies: Set<string>;
  /** Application name → its environment and profile names. */
  apps: Map<string, { environments: Set<string>; profiles: Set<string> }>;
}

export function catalogOf(state: Pick<DesiredState, "accounts" | "roles" | "policies" | "appconfig">): Catalog {
  return {
    accounts: new Set(state.accounts.map((a) => a.key)),
    roles: new Set(expandRoles(state).map(({ account, role }) => `${account.key}/${role.name.toLowerCase()}`)),
    policies: new Set(
      state.policies.flatMap((p) => targetAccounts(state.accounts, p.targets).map((a) => `${a.key}/${p.name.toLowerCase()}`)),
    ),
    apps: new Map(
      state.appconfig.map((app) => [app.name, { environments: new Set(app.environments.map((e) => e.name)), profiles: new Set(app.profiles.map((p) => p.name)) }]),
    ),
  };
}

/** Why the reference names nothing the state declares, or undefined when it does. */
export function unknownTarget(catalog: Catalog, ref: Reference): string | undefined {
  switch (ref.kind) {
    case "account":
      return catalog.accounts.has(ref.account) ? undefined : `unknown account "${ref.account}"${suggest(ref.account, catalog.accounts)}`;
    case "role":
    case "policy": {
      const declared = ref.kind === "role" ? catalog.roles : catalog.policies;
      // The account-less policy form: the policy must be declared somewhere; targets.ts checks the accounts.
      if (ref.account === undefined) return [...declared].some((d) => d.endsWith(`/${ref.name.toLowerCase()}`)) ? undefined : `no policy "${ref.name}" is declared`;
      if (!catalog.accounts.has(ref.account)) return `unknown account "${ref.account}"${suggest(ref.account, catalog.accounts)}`;
      if (declared.has(`${ref.account}/${ref.name.toLowerCase()}`)) return undefined;
      return `no ${ref.kind} "${ref.name}" is declared for account "${ref.account}"`;
    }
    case "app":
    case "environment":
    case "profile": {
      const app = catalog.apps.get(ref.app);
      if (!app) return `unknown AppConfig application "${ref.app}"${suggest(ref.app, new Set(catalog.apps.keys()))}`;
      if (ref.kind === "app") return undefined;
      const names = ref.kind === "environment" ? app.environments : app.profiles;
      return names.has(ref.name) ? undefined : `application "${ref.app}" has no ${ref.kind} "${ref.name}"${suggest(ref.name, names)}`;
    }
  }
}

/** ", did you mean …" for a near miss: the same letters in another case, or one edit away. */
function suggest(ref: string, known: Set<string>): string {
  const lower = ref.toLowerCase();
  for (const k of known) if (k.toLowerCase() === lower || oneEditApart(k.toLowerCase(), lower)) return ` (did you mean "${k}"?)`;
  return "";
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const tail = (x: string, skip: number) => x.slice(i + skip);
  return tail(a, 1) === tail(b, 1) || tail(a, 1) === tail(b, 0) || tail(a, 0) === tail(b, 1);
}
