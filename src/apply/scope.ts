// What apply re-reads for a saved plan: exactly the accounts and organization parts its
// changes touch, so applying k changes costs O(k) reads however large the organization.
import type { Selection } from "../engine/scope.js";
import type { Plan } from "../engine/types.js";

export function claimSelection(plan: Plan): Selection {
  const changes = plan.changes.filter((c) => c.action !== "noop");
  const orgChanges = changes.filter((c) => c.service === "organizations");
  const managementKey = plan.scope?.managementKey ?? orgChanges[0]?.account ?? "management";
  return {
    by: "the saved plan's changes",
    accounts: new Set(changes.filter((c) => c.service !== "organizations").map((c) => c.account)),
    organization: orgChanges.length > 0,
    organizationAccounts: new Set(orgChanges.filter((c) => c.type === "account").map((c) => c.name)),
    managementKey,
  };
}
