// YAML → specs for customer managed policies, groups and OpenID Connect providers (roles
// have build-roles.ts). Each keeps its YAML node as origin, so checks can point into it.
import type { GroupSpec, OidcProviderSpec, PolicySpec, RoleTargets } from "../model/types.js";
import type { Root } from "./confined.js";
import type { Diagnostics } from "./diagnostics.js";
import { locate } from "./locate.js";
import type { Entry } from "./merge.js";
import type { Origins } from "./origins.js";
import { readInlinePolicies, readPolicyDocument } from "./policy-files.js";
import { child } from "./source.js";

interface Ctx {
  root: Root;
  origins: Origins;
  diags: Diagnostics;
}

const targetsOf = (v: { in: { accounts?: string[]; units?: string[]; tags?: Record<string, string> } }): RoleTargets => ({
  accounts: v.in.accounts ?? [],
  units: v.in.units ?? [],
  tags: v.in.tags ?? {},
});

/** Undefined when the document's file is missing or broken (already reported). */
export async function buildPolicy(entry: Entry, ctx: Ctx): Promise<PolicySpec | undefined> {
  const v = entry.value;
  const document = await readPolicyDocument(v.document, child(entry.at, "document"), ctx.root, ctx.diags);
  if (document === undefined) return undefined;
  const spec: PolicySpec = {
    name: v.name,
    path: v.path ?? "/",
    ...(v.description !== undefined ? { description: v.description } : {}),
    targets: targetsOf(v),
    document,
    tags: v.tags ?? {},
    adopt: v.adopt ?? false,
    loc: locate(entry.at),
  };
  ctx.origins.set(spec, entry.at);
  return spec;
}

export async function buildGroup(entry: Entry, ctx: Ctx): Promise<GroupSpec> {
  const v = entry.value;
  const spec: GroupSpec = {
    name: v.name,
    path: v.path ?? "/",
    targets: targetsOf(v),
    inlinePolicies: await readInlinePolicies(v.inlinePolicies ?? {}, child(entry.at, "inlinePolicies"), ctx.root, ctx.diags),
    managedPolicies: v.managedPolicies ?? [],
    members: v.members ?? [],
    adopt: v.adopt ?? false,
    loc: locate(entry.at),
  };
  ctx.origins.set(spec, entry.at);
  return spec;
}

export function buildOidcProvider(entry: Entry, ctx: Ctx): OidcProviderSpec {
  const v = entry.value;
  const spec: OidcProviderSpec = {
    url: v.url,
    targets: targetsOf(v),
    audiences: v.audiences ?? [],
    thumbprints: v.thumbprints ?? [],
    tags: v.tags ?? {},
    adopt: v.adopt ?? false,
    loc: locate(entry.at),
  };
  ctx.origins.set(spec, entry.at);
  return spec;
}
