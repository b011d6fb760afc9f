// Dependencies that follow from what a change's `after` refers to: accounts still to
// be created (placeholders) and roles being created that a trust policy names as a
// principal (IAM rejects a principal that does not exist yet). A role ARN elsewhere —
// a permission policy's Resource, a condition — need not exist, and counting it would
// turn two roles that may assume each other into a cycle. Roles whose trust policies
// name each other do form one; trust-cycles.ts breaks it.
import { formatAddress } from "./address.js";
import { accountAddress, accountKeyOf, type DiffContext } from "./context.js";
import { ACCOUNT_PLACEHOLDER_RE } from "./resources.js";
import { breakTrustCycles } from "./trust-cycles.js";

const ROLE_ARN_RE = /arn:aws[\w-]*:iam::(\d{12}|\$\{account:[^}]+\}):role\/(?:[^"]*\/)?([\w+=,.@-]+)/g;
const CREATES = new Set(["create", "replace"]);

export function addImplicitDependencies(ctx: DiffContext): void {
  const creating = new Set(ctx.changes.filter((c) => CREATES.has(c.action)).map((c) => c.address));
  const real = new Set(ctx.changes.filter((c) => c.action !== "noop").map((c) => c.address));
  for (const change of ctx.changes) {
    if (change.action === "noop" || change.action === "delete") continue;
    const text = JSON.stringify(change.after);
    const deps = new Set(change.dependsOn);
    for (const m of text.matchAll(ACCOUNT_PLACEHOLDER_RE)) {
      const account = accountAddress(ctx, m[1] ?? "");
      if (real.has(account)) deps.add(account);
      else change.notes.push(`account ${m[1]} has no id and is not being created: apply cannot resolve it`);
    }
    if (change.service === "iam") {
      for (const m of JSON.stringify(trustPrincipals(change.after)).matchAll(ROLE_ARN_RE)) {
        const role = roleAddressOf(ctx, m);
        if (creating.has(role)) deps.add(role);
      }
    }
    deps.delete(change.address);
    // A dependency on something that needs no change has nothing to wait for.
    change.dependsOn = [...deps].filter((d) => real.has(d)).sort();
  }
  breakTrustCycles(ctx.changes, (arn) => {
    const m = [...arn.matchAll(ROLE_ARN_RE)][0];
    return m && roleAddressOf(ctx, m);
  });
}

function roleAddressOf(ctx: DiffContext, arn: RegExpMatchArray): string {
  const ref = arn[1] ?? "";
  const key = ref.startsWith("${") ? ref.slice("${account:".length, -1) : accountKeyOf(ctx, ref);
  return formatAddress({ account: key, service: "iam", type: "role", name: arn[2] ?? "" });
}

/** The principals of a role's trust policy: the only role ARNs a create must wait for. */
export function trustPrincipals(role: unknown): unknown[] {
  const trust = (role as { assumeRolePolicy?: { Statement?: unknown } } | null)?.assumeRolePolicy;
  const statements = Array.isArray(trust?.Statement) ? trust.Statement : [trust?.Statement];
  return statements.map((s) => {
    const statement = (s ?? {}) as Record<string, unknown>;
    return [statement.Principal, statement.NotPrincipal];
  });
}
