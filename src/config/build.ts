import type { DesiredState, PolicySpec, Settings } from "../model/types.js";
import { buildGroup, buildOidcProvider, buildPolicy } from "./build-iam.js";
import { buildApp } from "./build-appconfig.js";
import { buildStrategies } from "./build-strategies.js";
import { buildAccounts, buildOrganization } from "./build-org.js";
import { buildRole } from "./build-roles.js";
import { buildOrgPolicies } from "./org-policies/build.js";
import type { Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import type { Merged } from "./merge.js";
import type { Origins } from "./origins.js";
import { resolveOwner } from "./owner.js";
import { resolvePolicyNames } from "./policy-names.js";

export const DEFAULT_REGION = "us-east-1";

/** Turns the merged YAML into typed specs, reading the files it references. */
export async function buildState(
  m: Merged,
  root: Root,
  origins: Origins,
  diags: Diagnostics,
  ownerRoot: string = root.dir,
): Promise<Omit<DesiredState, "digest" | "files">> {
  const settings: Settings = {
    prune: m.settings?.value.prune ?? false,
    region: m.settings?.value.region ?? DEFAULT_REGION,
    ...(Array.isArray(m.settings?.value.regions) ? { regions: m.settings.value.regions } : {}),
    owner: resolveOwner(ownerRoot, m.settings?.value.owner),
  };
  const organization = buildOrganization(m.organization, origins);
  const orgPolicies = m.organization ? await buildOrgPolicies(m.organization, root, origins, diags) : undefined;
  if (organization && orgPolicies) organization.policies = orgPolicies;
  const ctx = { root, origins, diags };
  const roles = [];
  for (const r of m.roles) roles.push(await buildRole(r, root, origins, diags));
  const policies: PolicySpec[] = [];
  for (const p of m.policies) {
    const spec = await buildPolicy(p, ctx);
    if (spec) policies.push(spec);
  }
  const groups = [];
  for (const g of m.groups) groups.push(await buildGroup(g, ctx));
  const oidcProviders = m.oidcProviders.map((o) => buildOidcProvider(o, ctx));
  resolvePolicyNames({ roles, groups, policies });
  const appconfig = [];
  for (const [name, entry] of m.appconfig) appconfig.push(...(await buildApp(name, entry, settings.region, { root, origins, diags })));
  const strategies = [...m.deploymentStrategies].flatMap(([name, entry]) => buildStrategies(name, entry, settings.region, origins, diags));
  return {
    ...(organization ? { organization } : {}),
    accounts: buildAccounts(m, origins),
    roles,
    policies,
    groups,
    oidcProviders,
    appconfig,
    ...(strategies.length > 0 ? { strategies } : {}),
    settings,
  };
}
