// `orgctl import`: live state → a desired state that validates and plans to nothing but
// the explicit adopt changes that take the imported roles and applications over.
import type { ClientFactory } from "../aws/clients.js";
import { UserError } from "../cli/errors.js";
import { roleOfArn } from "../aws/iam-identity.js";
import type { LiveOrganization } from "../engine/types.js";
import type { LiveApplication } from "../kinds/appconfig/live.js";
import { accountKeys, type AccountKeys } from "./accounts.js";
import { importApplication } from "./build-appconfig.js";
import { accountsMap, unitsTree } from "./build-org.js";
import { organizationPolicies } from "./build-org-policies.js";
import { groupEntries } from "./build-groups.js";
import { foreignGrants, grantsRead, type Caller } from "./grants.js";
import { oidcProviderEntries } from "./build-oidc-providers.js";
import { policyEntries } from "./build-policies.js";
import { isImportable, roleEntries, type RoleSelection } from "./build-roles.js";
import { globMatcher } from "./glob.js";
import { KeyAllocator } from "./keys.js";
import { schemaFile, yamlFile, type OutputFile } from "./output.js";
import { readForImport, type ImportRead } from "./read.js";

export interface ImportOptions {
  accessRole: string;
  /** Account keys (as import derives them from names) or ids; every account when absent. */
  accounts?: string[];
  /** Glob on role names (* and ?); every role when absent. */
  roles?: string;
  /** Regions whose AppConfig applications are imported; none when absent. */
  appconfigRegions?: string[];
  /** Globs on "<application>/<profile>" whose versions are written `sensitive: true`. */
  sensitive?: string[];
  /** settings.region of the written desired state. */
  region: string;
}

export interface ImportResult {
  files: OutputFile[];
  notes: string[];
  counts: { accounts: number; roles: number; applications: number };
}

export async function importDesiredState(clients: ClientFactory, opts: ImportOptions): Promise<ImportResult> {
  const read = await readForImport(clients, {
    select: (org) => selectAccounts(org, accountKeys(org), opts.accounts),
    ...(opts.appconfigRegions !== undefined ? { appconfigRegions: opts.appconfigRegions } : {}),
  });
  return buildFiles(read, accountKeys(read.organization), opts);
}

/** Application name → its [region, application] pairs, regions in the order given. */
function applicationsByName(applications: Record<string, Record<string, LiveApplication>>, regions: string[]): Map<string, [string, LiveApplication][]> {
  const out = new Map<string, [string, LiveApplication][]>();
  for (const region of regions) {
    for (const app of Object.values(applications[region] ?? {})) out.set(app.name, [...(out.get(app.name) ?? []), [region, app]]);
  }
  return out;
}

/** Whether two regions' applications import to the same YAML and files. */
function sameImport(a: LiveApplication, b: LiveApplication, key: string, sensitive: (name: string) => boolean): boolean {
  const form = (app: LiveApplication) => {
    const imported = importApplication(app, key, "-", new KeyAllocator(), sensitive);
    return JSON.stringify([imported.doc, imported.files]);
  };
  return form(a) === form(b);
}

/** The YAML file holding one list, when the list has entries. */
function yamlSection(file: string, doc: Record<string, unknown[]>): OutputFile | undefined {
  return Object.values(doc).some((list) => list.length > 0) ? yamlFile(file, doc) : undefined;
}

function selectAccounts(org: LiveOrganization, keys: AccountKeys, refs: string[] | undefined): Set<string> {
  if (!refs) return new Set(org.accounts.map((a) => a.id));
  const ids = new Set<string>();
  for (const ref of refs) {
    const id = keys.idOf(ref);
    if (!org.accounts.some((a) => a.id === id)) {
      throw new UserError(`--accounts: "${ref}" is neither an account id nor a key of this organization (keys: ${[...keys.byId.values()].sort().join(", ")})`);
    }
    ids.add(id);
  }
  return ids;
}

function buildFiles(read: ImportRead, keys: AccountKeys, opts: ImportOptions): ImportResult {
  const notes = read.skipped.map(({ account, reason }) => `account ${keys.byId.get(account.id)} (${account.id}) not read: ${reason}`);
  const caller = roleOfArn(read.callerArn);
  const selection: RoleSelection = { accessRole: opts.accessRole, ...(caller ? { caller } : {}), matches: globMatcher(opts.roles ?? "*") };
  const importable = read.accounts.map(({ account, roles }) => ({
    key: keys.byId.get(account.id)!,
    roles: Object.values(roles).filter((r) => isImportable(r, account.id, selection)),
  }));
  const callers: Caller[] = [
    ...importable.flatMap(({ key, roles }) => roles.map((r) => ({ kind: "role" as const, key, name: r.name, inlinePolicies: r.inlinePolicies }))),
    ...read.accounts.flatMap(({ account, groups }) =>
      Object.values(groups).map((g) => ({ kind: "group" as const, key: keys.byId.get(account.id)!, name: g.name, inlinePolicies: g.inlinePolicies })),
    ),
  ];
  const grants = grantsRead(callers, keys);
  notes.push(...foreignGrants(callers));
  const roles = roleEntries(importable, keys, grants);

  const policies = policyEntries(
    read.accounts.map(({ account, policies }) => ({ key: keys.byId.get(account.id)!, policies: Object.values(policies) })),
  );

  const groups = groupEntries(read.accounts.map(({ account, groups }) => ({ key: keys.byId.get(account.id)!, groups: Object.values(groups) })));
  const oidcProviders = oidcProviderEntries(read.accounts.map(({ account, oidcProviders }) => ({ key: keys.byId.get(account.id)!, providers: Object.values(oidcProviders) })));

  const sensitiveGlobs = (opts.sensitive ?? []).map(globMatcher);
  const sensitive = (name: string) => sensitiveGlobs.some((m) => m(name));
  const appFiles: OutputFile[] = [];
  const fileNames = new KeyAllocator();
  const appNames = new Map<string, string>();
  for (const { account, applications } of read.accounts) {
    const key = keys.byId.get(account.id)!;
    for (const [name, byRegion] of applicationsByName(applications, opts.appconfigRegions ?? [])) {
      // The YAML maps applications by name, so a name can appear once in a desired state.
      const first = appNames.get(name);
      if (first) {
        notes.push(`application ${name} in ${key} left out: ${first} has one of the same name`);
        continue;
      }
      appNames.set(name, key);
      const [region, app] = byRegion[0]!;
      // The same application in several regions is one entry with `regions`, when it is the same everywhere.
      const same = byRegion.filter(([, other]) => sameImport(app, other, key, sensitive)).map(([r]) => r);
      for (const [other] of byRegion) {
        if (!same.includes(other)) notes.push(`application ${name} in ${key}, ${other} left out: it differs from the one in ${region}, and one name is one application`);
      }
      const imported = importApplication(app, key, region, fileNames, sensitive, same);
      notes.push(...imported.notes);
      appFiles.push(yamlFile(imported.yamlFile, imported.doc), ...imported.files);
    }
  }

  const sections = [
    yamlSection("roles.yaml", { roles }),
    yamlSection("policies.yaml", { policies }),
    yamlSection("groups.yaml", { groups }),
    yamlSection("oidc-providers.yaml", { oidcProviders }),
  ].filter((s) => s !== undefined);
  const include = [...sections.map((s) => s.path), ...(appNames.size > 0 ? ["appconfig/"] : [])];
  const root = {
    ...(include.length > 0 ? { include } : {}),
    settings: { prune: false, region: opts.region, ...((opts.appconfigRegions ?? []).length > 1 ? { regions: opts.appconfigRegions } : {}), owner: "import" },
    organization: {
      managementAccount: read.organization.managementAccountId,
      accessRole: opts.accessRole,
      units: unitsTree(read.organization),
      ...organizationPolicies(read.policies, read.organization, keys),
    },
    accounts: accountsMap(read.organization, keys),
  };
  const files = [
    yamlFile(
      "orgctl.yaml",
      root,
      "Written by orgctl import. Imported roles, applications, policies and OIDC providers carry adopt: true:\nthe first plan shows them as adopt changes (tagging them orgctl:managed). Groups carry no tags:\nan imported group plans to nothing, and orgctl never deletes a group.",
    ),
    ...sections,
    ...appFiles,
    schemaFile(),
  ];
  return { files, notes, counts: { accounts: read.organization.accounts.length, roles: roles.length, applications: appNames.size } };
}
