// Refusing a stale plan: re-read the live state of what the plan touches and rebuild
// each change's `before` the way the diff did. A different hash means the resource
// changed (or appeared, or disappeared) since the plan was made.
//
// The plan is all there is (the YAML may be gone), so the readers get a desired state
// reconstructed from the changes: just enough to read the same resources again.
import type { ClientFactory } from "../aws/clients.js";
import type { AccountSpec, AppConfigAppSpec, DesiredState, Loc, ProfileSpec, RoleSpec } from "../model/types.js";
import { readLiveState } from "../providers/read-live.js";
import { environmentResource, liveApplication, profileResource } from "./appconfig-shape.js";
import { hashOf } from "./canonical.js";
import { formatAddress } from "./address.js";
import type { AccountResource, DeploymentResource, RoleResource, UnitResource, VersionResource } from "./resources.js";
import { liveRole } from "./role-shape.js";
import { ROLE_TRUST_TYPE, type RoleTrustResource } from "./trust-cycles.js";
import { SENSITIVE } from "./sensitive.js";
import type { Change, LiveState, Plan } from "./types.js";

const LOC: Loc = { file: "(plan)", line: 0, col: 0 };

export interface StaleChange {
  address: string;
  reason: string;
  /** Live state already is what the change would make (the plan was applied before). */
  alreadyApplied: boolean;
}

export async function findStaleChanges(plan: Plan, clients: ClientFactory, accessRole: string): Promise<StaleChange[]> {
  const changes = plan.changes.filter((c) => c.action !== "noop");
  if (changes.length === 0) return [];
  const desired = desiredFromPlan(plan, changes, accessRole);
  const touched = [...new Set(changes.filter((c) => c.service !== "organizations").map((c) => c.account))];
  const live = await readLiveState(desired, { clients, accounts: touched.filter((k) => desired.accounts.some((a) => a.key === k)) });
  const stale: StaleChange[] = live.errors.map((e) => ({ address: e.account, reason: `cannot be re-read to check the plan: ${e.message}`, alreadyApplied: false }));
  const trustCompletions = new Map(
    changes.filter((c) => c.type === ROLE_TRUST_TYPE).map((c) => [formatAddress({ ...c, type: "role" }), c.after as RoleTrustResource]),
  );
  for (const change of changes) {
    if (stale.some((s) => s.address === change.account)) continue;
    const now = currentBefore(change, live);
    if (hashOf(now) === change.beforeHash) continue;
    const applied = matchesAfter(completedTrust(change, trustCompletions.get(change.address)), now);
    stale.push({ address: change.address, reason: applied ? "already matches the plan" : "changed since the plan was made", alreadyApplied: applied });
  }
  return stale;
}

/** A role create whose trust a later change completes: what the two leave together. */
function completedTrust(change: Change, completion: RoleTrustResource | undefined): Change {
  if (!completion) return change;
  return { ...change, after: { ...(change.after as RoleResource), assumeRolePolicy: completion.assumeRolePolicy } };
}

/** Whether `now` (as currentBefore builds it) is the state the change would produce. */
function matchesAfter(change: Change, now: unknown): boolean {
  if (change.action === "delete") return now === null;
  if (now === null) return false;
  switch (change.type) {
    case "version":
      return now === "exists";
    case "deployment":
      // A sensitive profile's plan holds no content hash: the deployed label is what can be compared.
      if (change.sensitive) return (now as DeploymentResource).versionLabel === (change.after as DeploymentResource).versionLabel;
      return (now as DeploymentResource).contentSha256 === (change.after as DeploymentResource).contentSha256;
    case "account":
      return hashOf({ ...(change.after as AccountResource), id: (now as AccountResource).id }) === hashOf(now);
    default:
      return hashOf(now) === hashOf(change.after);
  }
}

function desiredFromPlan(plan: Plan, changes: Change[], accessRole: string): DesiredState {
  const accounts = new Map<string, AccountSpec>();
  for (const a of plan.accounts) accounts.set(a.key, accountSpec(a.key, a.id, `${a.key}@plan.invalid`));
  for (const c of changes.filter((c) => c.type === "account")) {
    const r = (c.after ?? c.before) as AccountResource;
    accounts.set(c.name, { ...accountSpec(c.name, r.id ?? accounts.get(c.name)?.id, r.email), name: r.name });
  }
  const managementChange = changes.find((c) => c.service === "organizations");
  const managementId = managementChange?.accountId;
  const roles: RoleSpec[] = changes
    .filter((c) => c.service === "iam" && c.type === "role")
    .map((c) => roleSpec(c.name, c.account));
  const apps = new Map<string, AppConfigAppSpec>();
  for (const c of changes.filter((c) => c.service === "appconfig")) {
    const r = (c.after ?? c.before) as { region: string; application?: string; name: string; profile?: string; label?: string; versionLabel?: string };
    const appName = c.type === "application" ? r.name : r.application!;
    const key = `${c.account}/${r.region}/${appName}`;
    const app = apps.get(key) ?? appSpec(appName, c.account, r.region);
    apps.set(key, app);
    const profileName = c.type === "profile" ? r.name : r.profile;
    if (profileName === undefined) continue;
    const profile = app.profiles.find((p) => p.name === profileName) ?? profileSpec(profileName);
    if (!app.profiles.includes(profile)) app.profiles.push(profile);
    const label = r.label ?? r.versionLabel;
    if (label !== undefined) profile.versions.push({ label, content: "", contentType: "", sensitive: false, loc: LOC });
  }
  return {
    ...(managementId
      ? {
          organization: {
            managementAccount: managementId,
            accessRole,
            units: changes
              .filter((c) => c.type === "unit")
              .map((c) => {
                const u = (c.after ?? c.before) as UnitResource;
                return { path: u.path, name: u.name, parent: u.parent, tags: {}, loc: LOC };
              }),
            loc: LOC,
          },
        }
      : {}),
    accounts: [...accounts.values()],
    roles,
    appconfig: [...apps.values()],
    settings: { prune: false, region: "us-east-1" },
    files: [],
    digest: plan.desiredDigest,
  };
}

/** The change's `before` as the diff would build it from `live` now (null when absent). */
function currentBefore(change: Change, live: LiveState): unknown {
  const org = live.organization;
  switch (change.type) {
    case "unit": {
      const u = org?.units.find((x) => x.path === change.name);
      if (!u) return null;
      const cut = u.path.lastIndexOf("/");
      return { path: u.path, name: u.name, parent: cut < 0 ? null : u.path.slice(0, cut), tags: u.tags } satisfies UnitResource;
    }
    case "account": {
      const r = (change.after ?? change.before) as AccountResource;
      const a = org?.accounts.find((x) => (r.id ? x.id === r.id : x.email.toLowerCase() === r.email.toLowerCase()));
      if (!a) return null;
      return { key: change.name, id: a.id, name: a.name, email: a.email, unit: a.unit, tags: a.tags } satisfies AccountResource;
    }
    case "role": {
      const role = live.accounts[change.account]?.roles[change.name];
      return role ? liveRole(role) : null;
    }
    case ROLE_TRUST_TYPE: {
      // Before the apply the role does not exist: its create, in the same plan, is checked
      // for that and leaves the trust this change starts from.
      const role = live.accounts[change.account]?.roles[change.name];
      return role ? ({ name: role.name, assumeRolePolicy: liveRole(role).assumeRolePolicy } satisfies RoleTrustResource) : change.before;
    }
  }
  const r = (change.after ?? change.before) as { region: string; application?: string; name: string; profile?: string; environment?: string };
  const appName = change.type === "application" ? r.name : r.application!;
  const app = live.accounts[change.account]?.appconfig[r.region]?.[appName];
  const spec = appSpec(appName, change.account, r.region);
  switch (change.type) {
    case "application":
      return app ? liveApplication(app, r.region) : null;
    case "environment": {
      const env = app?.environments.find((e) => e.name === r.name);
      return env ? environmentResource(spec, env) : null;
    }
    case "profile": {
      const profile = app?.profiles.find((p) => p.name === r.name);
      return profile ? profileResource(spec, profile) : null;
    }
    case "version": {
      // Versions are only ever created: "before" exists once one has the same content.
      const v = change.after as VersionResource;
      const profile = app?.profiles.find((p) => p.name === v.profile);
      return profile?.versions.some((x) => x.contentSha256 === v.contentSha256) ? "exists" : null;
    }
    case "deployment": {
      const env = app?.environments.find((e) => e.name === r.environment);
      if (!env) return null;
      const profile = app?.profiles.find((p) => p.name === r.profile);
      const deployed = profile ? env.deployed[profile.id] : undefined;
      const current = profile?.versions.find((v) => String(v.versionNumber) === deployed?.version);
      return {
        application: appName,
        region: r.region,
        environment: env.name,
        profile: r.profile!,
        versionLabel: current?.description,
        // As the diff builds it: a sensitive profile's hashes stay out (see sensitive.ts).
        contentSha256: change.sensitive && current?.contentSha256 !== undefined ? SENSITIVE : current?.contentSha256,
        versionNumber: current?.versionNumber,
      } satisfies DeploymentResource;
    }
  }
  return change.before;
}

function accountSpec(key: string, id: string | undefined, email: string): AccountSpec {
  return { key, ...(id !== undefined ? { id } : {}), name: key, email, unit: null, tags: {}, loc: LOC };
}

function roleSpec(name: string, account: string): RoleSpec {
  return {
    name,
    path: "/",
    targets: { accounts: [account], units: [], tags: {} },
    assumeRolePolicy: { Statement: [] },
    inlinePolicies: {},
    managedPolicies: [],
    maxSessionDuration: 3600,
    tags: {},
    adopt: false,
    loc: LOC,
  };
}

function appSpec(name: string, account: string, region: string): AppConfigAppSpec {
  return { name, account, region, tags: {}, environments: [], profiles: [], adopt: false, loc: LOC };
}

function profileSpec(name: string): ProfileSpec {
  return { name, type: "AWS.Freeform", validators: [], versions: [], deploy: [], loc: LOC };
}
