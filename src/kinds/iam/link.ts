// Ordering only IAM understands. A trust policy naming a role that is being created must
// wait for it (IAM rejects a principal that does not exist yet); a role ARN anywhere else
// (a permission policy's Resource, a condition) need not exist, and counting it would turn
// two roles that may assume each other into a cycle. Roles whose trusts name each other
// do form one, which role-trust/cycles.ts breaks; so does a role created with its own ARN
// in its trust (it does not exist yet either). Runs on a whole plan and on merged
// shard plans alike, so both order the same way.
import { formatAddress } from "../../engine/address.js";
import type { Change } from "../../engine/types.js";
import { breakTrustCycles } from "./role-trust/cycles.js";

const ROLE_ARN_RE = /arn:aws[\w-]*:iam::(\d{12}|\$\{account:[^}]+\}):role\/(?:[^"]*\/)?([\w+=,.@-]+)/g;
const CREATES = new Set(["create", "replace"]);

export function linkTrusts(changes: Change[], accountKeyOf: (ref: string) => string): void {
  const roleAddress = (m: RegExpMatchArray): string => {
    const ref = m[1] ?? "";
    const key = ref.startsWith("${") ? ref.slice("${account:".length, -1) : accountKeyOf(ref);
    return formatAddress({ account: key, service: "iam", type: "role", name: m[2] ?? "" });
  };
  const creating = new Set(changes.filter((c) => c.type === "role" && CREATES.has(c.action)).map((c) => c.address));
  for (const change of changes) {
    if (change.type !== "role" || change.after === null || change.action === "noop" || change.action === "delete") continue;
    const deps = new Set(change.dependsOn);
    for (const m of JSON.stringify(trustPrincipals(change.after.assumeRolePolicy)).matchAll(ROLE_ARN_RE)) {
      const role = roleAddress(m);
      if (creating.has(role)) deps.add(role);
    }
    change.dependsOn = [...deps].sort();
  }
  breakTrustCycles(changes, (arn) => {
    const m = [...arn.matchAll(ROLE_ARN_RE)][0];
    return m && roleAddress(m);
  });
}

/** The principals of a trust policy: the only role ARNs a create must wait for. */
function trustPrincipals(trust: { Statement?: unknown }): unknown[] {
  const statements = Array.isArray(trust.Statement) ? trust.Statement : [trust.Statement];
  return statements.map((s: unknown) => {
    const statement = s !== null && typeof s === "object" ? s : {};
    return ["Principal" in statement ? statement.Principal : undefined, "NotPrincipal" in statement ? statement.NotPrincipal : undefined];
  });
}
