// A scoped plan covers part of the desired state: some accounts' IAM and AppConfig,
// and optionally the Organizations part. The plan is computed as usual from what was
// read, then restricted to the scope, so what it does show is exactly what a full plan
// would show for those resources.
import type { DesiredState } from "../model/types.js";
import type { ReadLiveOptions } from "./read-live.js";
import { touchedAccountIds } from "./scope-touched.js";
import type { Plan } from "./types.js";

export interface Selection {
  /** e.g. "changed since main", "shard 2/4". */
  by: string;
  /** Account keys whose IAM and AppConfig state is read and planned. */
  accounts: Set<string>;
  /** Whether units and account resources are planned. */
  organization: boolean;
  /** Account resources planned when `organization` is set: these keys, or every account. */
  organizationAccounts: Set<string> | "all";
  managementKey: string;
}

export function restrictPlan(plan: Plan, sel: Selection): Plan {
  const covers = (address: string): boolean => {
    const [account = "", service, type, ...rest] = address.split("/");
    if (service !== "organizations") return sel.accounts.has(account);
    if (!sel.organization) return false;
    const name = rest.join("/");
    // Orphans (live accounts the YAML does not list) are named by id.
    return type !== "account" || sel.organizationAccounts === "all" || sel.organizationAccounts.has(name) || /^\d{12}$/.test(name);
  };
  const listed = (key: string) =>
    sel.accounts.has(key) || (sel.organization && (sel.organizationAccounts === "all" || sel.organizationAccounts.has(key)));
  return {
    ...plan,
    accounts: plan.accounts.filter((a) => listed(a.key)),
    changes: plan.changes.filter((c) => covers(c.address)),
    conflicts: plan.conflicts.filter((c) => covers(c.address)),
    scope: { by: sel.by, accounts: [...sel.accounts].sort(), organization: sel.organization, managementKey: sel.managementKey },
  };
}

/** Reader options that read what the selection covers and nothing else. */
export function readScope(
  desired: DesiredState,
  sel: Selection | undefined,
): Pick<ReadLiveOptions, "accounts" | "organizationTags" | "skipOrganization" | "organizationAccountIds"> {
  if (!sel) return {};
  const accounts = desired.accounts.filter((a) => sel.accounts.has(a.key));
  const tagged = !sel.organization ? new Set<string>() : sel.organizationAccounts === "all" ? new Set(desired.accounts.map((a) => a.key)) : sel.organizationAccounts;
  return {
    accounts: accounts.map((a) => a.key),
    organizationTags: { units: sel.organization, accounts: tagged },
    // The organization is only needed for its own diff or to find accounts by email: any
    // account's, since a touched change may name another account's role or id (a grant, a
    // trust, a reference) and, unread, an account created earlier would look uncreated.
    skipOrganization: !sel.organization && desired.accounts.every((a) => a.id !== undefined),
    organizationAccountIds: touchedAccountIds(desired, sel),
  };
}
