// The organization-policy part of orgctl.yaml from live state: every policy the organization
// holds (with adopt: true, so the first plan takes it over by tagging it), its targets, where
// FullAWSAccess was replaced, enabled types no policy needs, trusted services and delegated
// administrators. Import → plan shows only the adopts; apply → nothing.
import type { LiveOrganization } from "../engine/types.js";
import type { LiveOrgPolicies } from "../model/org-policy/live.js";
import { OWNERSHIP_TAG_KEY, type Tags } from "../model/types.js";
import { AWS_MANAGED } from "../policy/org/types.js";
import type { AccountKeys } from "./accounts.js";

interface Targets {
  root?: true;
  units?: string[];
  accounts?: string[];
}

function targetsOf(ids: string[], org: LiveOrganization, keys: AccountKeys): Targets {
  const out: Targets = {};
  if (ids.includes(org.rootId)) out.root = true;
  const units = org.units.filter((u) => ids.includes(u.id)).map((u) => u.path).sort();
  const accounts = org.accounts.filter((a) => ids.includes(a.id)).map((a) => keys.byId.get(a.id) ?? a.id).sort();
  if (units.length) out.units = units;
  if (accounts.length) out.accounts = accounts;
  return out;
}

function parsed(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/** The keys to add under `organization:`; empty when the organization has none of these. */
export function organizationPolicies(live: LiveOrgPolicies, org: LiveOrganization, keys: AccountKeys): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const customer = live.policies.filter((p) => !p.awsManaged);
  const used = new Set(customer.map((p) => p.type));
  const enable = live.enabledTypes.filter((t) => !used.has(t));
  if (enable.length) out.policyTypes = { enable };
  const full = live.policies.find((p) => p.id === AWS_MANAGED.SERVICE_CONTROL_POLICY.id);
  if (full && live.enabledTypes.includes("SERVICE_CONTROL_POLICY")) {
    const everywhere = [org.rootId, ...org.units.map((u) => u.id), ...org.accounts.map((a) => a.id)];
    const missing = everywhere.filter((id) => !full.targets.includes(id));
    if (missing.length) out.fullAWSAccess = { detachFrom: targetsOf(missing, org, keys) };
  }
  if (customer.length) {
    out.policies = Object.fromEntries(
      customer.map((p) => {
        const tags: Tags = Object.fromEntries(Object.entries(p.tags).filter(([k]) => k !== OWNERSHIP_TAG_KEY));
        return [
          p.name,
          {
            type: p.type,
            ...(p.description ? { description: p.description } : {}),
            content: parsed(p.content),
            ...(Object.keys(tags).length ? { tags } : {}),
            targets: targetsOf(p.targets, org, keys),
            adopt: true,
          },
        ];
      }),
    );
  }
  if (live.delegatedAdministrators.length) {
    out.delegatedAdministrators = live.delegatedAdministrators.map((d) => ({ account: keys.byId.get(d.accountId) ?? d.accountId, service: d.servicePrincipal }));
  }
  if (live.trustedServices.length) out.trustedServices = [...live.trustedServices];
  return out;
}
