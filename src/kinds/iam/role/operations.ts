// IAM role operations. Each converges the role to the change's `after` from what is
// there now, so running one again after a partial failure finishes the job: a create
// that meets the role it created last time (EntityAlreadyExists, e.g. after its answer was
// lost) updates it instead. IAM is eventually consistent, so that role may not be readable
// yet: reading it is retried within a bound, never by going back to create.
import {
  AddRoleToInstanceProfileCommand,
  AttachRolePolicyCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRolePermissionsBoundaryCommand,
  GetInstanceProfileCommand,
  PutRolePermissionsBoundaryCommand,
  RemoveRoleFromInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  paginateListAttachedRolePolicies,
  paginateListInstanceProfilesForRole,
  paginateListRolePolicies,
  type IAMClient,
} from "@aws-sdk/client-iam";
import type { ApplyContext } from "../../../engine/operation.js";
import { hasCode } from "../../../aws/retry/transient.js";
import { withRetries } from "../../../aws/retry/with-retries.js";
import { canonicalJson } from "../../../engine/canonical.js";
import { normalizePolicy } from "../../../engine/policy.js";
import { spelledAs } from "../policy-parts.js";
import type { RoleResource } from "./resource.js";
import { describeOwnership, mayDelete, mayUpdate, ownershipOf } from "../../../model/ownership.js";
import { instanceProfileBlock } from "./delete-blockers.js";
import type { ResourceKind } from "../../../engine/kind.js";
import type { ChangeBase, ChangeOf } from "../../../engine/types.js";
import { OWNERSHIP_TAG_KEY, type Tags } from "../../../model/types.js";
import { ignoreMissing, tagList } from "../calls.js";

/** An IAM client for the change's account, which every role change has (apply checks it). */
async function iamFor(change: ChangeOf<"role"> | ChangeOf<"role-trust">, ctx: ApplyContext): Promise<IAMClient> {
  if (change.accountId === undefined) throw new Error(`account ${change.account} has no id`);
  return ctx.clients.iam(change.accountId);
}

function wanted<T>(value: T | null, change: { address: string }): T {
  if (value === null) throw new Error(`${change.address}: the change has no desired role`);
  return value;
}

export const roleOperations: ResourceKind<"role">["operations"] = {
  // CreateRole fails on an existing name (IAM names are unique), so a lost answer cannot
  // duplicate the role: the repeat meets EntityAlreadyExists, and the earlier effect is the
  // role itself, converged if ours.
  create: {
    idempotent: false,
    run: async (change, ctx) => {
      await createRole(await iamFor(change, ctx), wanted(change.after, change), trustRetry(change, ctx), ctx.owner);
      ctx.createdRoles.add(change.address);
    },
    findEarlierEffect: async (change, ctx) => {
      const iam = await iamFor(change, ctx);
      const current = await readRole(iam, wanted(change.after, change).name, change.after?.instanceProfile?.name);
      if (!current) return undefined;
      await convergeExisting(iam, current, wanted(change.after, change), trustRetry(change, ctx), false, ctx.owner);
      ctx.createdRoles.add(change.address);
      return {};
    },
  },
  update: { idempotent: true, run: async (change, ctx) => convergeRole(await iamFor(change, ctx), wanted(change.after, change), trustRetry(change, ctx), false, ctx.owner, declaredProfile(change)) },
  adopt: { idempotent: true, run: async (change, ctx) => convergeRole(await iamFor(change, ctx), wanted(change.after, change), trustRetry(change, ctx), true, ctx.owner, declaredProfile(change)) },
  // Delete (ours only) then create: run again, it deletes what it created and creates it anew.
  replace: {
    idempotent: true,
    run: async (change, ctx) => {
      const iam = await iamFor(change, ctx);
      await deleteRole(iam, change.name, ctx.owner, change.before?.instanceProfile?.name);
      await createRole(iam, wanted(change.after, change), trustRetry(change, ctx), ctx.owner);
      // IAM may not accept the new role as a principal yet: trusts naming it retry for a while.
      ctx.createdRoles.add(change.address);
    },
  },
  delete: { idempotent: true, run: async (change, ctx) => deleteRole(await iamFor(change, ctx), change.name, ctx.owner, change.before?.instanceProfile?.name) },
};

/** The profile orgctl keeps the role in, now or before this change (a removed declaration still names the one to leave). */
function declaredProfile(change: ChangeOf<"role">): string | undefined {
  return change.after?.instanceProfile?.name ?? change.before?.instanceProfile?.name;
}

/** Completes the trust of a role whose create left out roles that did not exist yet. */
export const roleTrustOperations: ResourceKind<"role-trust">["operations"] = {
  update: {
    idempotent: true,
    run: async (change, ctx) => {
      const iam = await iamFor(change, ctx);
      const { name, assumeRolePolicy } = wanted(change.after, change);
      await trustRetry(change, ctx)(() => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: JSON.stringify(assumeRolePolicy) })));
    },
  },
};

type PrincipalRetry = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * IAM resolves role principals to unique ids; on AWS a role created seconds ago can still
 * be rejected as "Invalid principal". Retry that only when the trust names a role this
 * run created: otherwise the principal really does not exist.
 */
function trustRetry(change: ChangeBase, ctx: ApplyContext): PrincipalRetry {
  const namesNewRole = change.dependsOn.some((d) => ctx.createdRoles.has(d));
  return (fn) =>
    namesNewRole
      ? withRetries(fn, {
          attempts: 8,
          baseMs: 1000,
          maxMs: 8000,
          retryable: (err) => hasCode(err, "MalformedPolicyDocument") && /Invalid principal/i.test(String((err as Error)?.message)),
          waitingFor: `IAM to accept the roles created by this run as principals in the trust of ${change.name}`,
          onRetry: () => ctx.progress(`${change.address}: a new role is not yet accepted as a principal; retrying`),
        })
      : fn();
}

async function createRole(iam: IAMClient, role: RoleResource, principalRetry: PrincipalRetry, owner: string): Promise<void> {
  try {
    await principalRetry(() =>
      iam.send(
        new CreateRoleCommand({
          RoleName: role.name,
          Path: role.path,
          AssumeRolePolicyDocument: JSON.stringify(role.assumeRolePolicy),
          ...(role.description ? { Description: role.description } : {}),
          MaxSessionDuration: role.maxSessionDuration,
          ...(role.permissionsBoundary !== undefined ? { PermissionsBoundary: role.permissionsBoundary } : {}),
          Tags: tagList(role.tags),
        }),
      ),
    );
  } catch (err) {
    if (!hasCode(err, "EntityAlreadyExists")) throw err;
    // Most likely created by an earlier, interrupted run or by this create's lost answer:
    // converge it (only if ours), once IAM lets it be read.
    return convergeExisting(iam, await readExistingRole(iam, role.name), role, principalRetry, false, owner);
  }
  const { instanceProfile: _profile, ...created } = role;
  await applyDelta(iam, { ...created, inlinePolicies: {}, managedPolicies: [] }, role, principalRetry);
}

class RoleNotReadableYet extends Error {}

/** A role CreateRole says exists: GetRole may not see it for a few seconds. */
async function readExistingRole(iam: IAMClient, name: string): Promise<RoleResource> {
  return withRetries(
    async () => {
      const current = await readRole(iam, name);
      if (!current) throw new RoleNotReadableYet(`NoSuchEntity: GetRole cannot find ${name}`);
      return current;
    },
    {
      attempts: 5,
      baseMs: 1000,
      maxMs: 4000,
      retryable: (err) => err instanceof RoleNotReadableYet,
      waitingFor: `role ${name} to be readable (CreateRole says it exists; IAM is eventually consistent)`,
    },
  );
}

/** Update or adopt: a role that is gone is created (and creation never comes back here). */
async function convergeRole(iam: IAMClient, role: RoleResource, principalRetry: PrincipalRetry, adopting: boolean, owner: string, profile = role.instanceProfile?.name): Promise<void> {
  const current = await readRole(iam, role.name, profile);
  if (!current) return createRole(iam, role, principalRetry, owner);
  return convergeExisting(iam, current, role, principalRetry, adopting, owner);
}

async function convergeExisting(iam: IAMClient, current: RoleResource, role: RoleResource, principalRetry: PrincipalRetry, adopting: boolean, owner: string): Promise<void> {
  if (!mayUpdate(current.tags, owner, adopting)) {
    throw new Error(`role ${role.name} exists and is ${describeOwnership(ownershipOf(current.tags, owner))}: refusing to change it`);
  }
  if (current.path !== role.path) throw new Error(`role ${role.name} has path ${current.path}, expected ${role.path}: run plan again`);
  await applyDelta(iam, current, role, principalRetry);
}

/** The calls that turn `from` into `to`; additions before removals so access never dips. */
async function applyDelta(iam: IAMClient, read: RoleResource, to: RoleResource, principalRetry: PrincipalRetry): Promise<void> {
  const from = { ...read, inlinePolicies: spelledAs(read.inlinePolicies, to.inlinePolicies) };
  const RoleName = to.name;
  if (canonicalJson(from.assumeRolePolicy) !== canonicalJson(to.assumeRolePolicy)) {
    await principalRetry(() => iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument: JSON.stringify(to.assumeRolePolicy) })));
  }
  if (from.description !== to.description || from.maxSessionDuration !== to.maxSessionDuration) {
    await iam.send(new UpdateRoleCommand({ RoleName, Description: to.description, MaxSessionDuration: to.maxSessionDuration }));
  }
  if (to.permissionsBoundary !== undefined && from.permissionsBoundary !== to.permissionsBoundary) {
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName, PermissionsBoundary: to.permissionsBoundary }));
  }
  if (to.instanceProfile !== undefined && from.instanceProfile?.name !== to.instanceProfile.name) await joinProfile(iam, RoleName, to.instanceProfile, ownerOf(to.tags));
  for (const [PolicyName, doc] of Object.entries(to.inlinePolicies)) {
    const had = from.inlinePolicies[PolicyName];
    if (had && canonicalJson(had) === canonicalJson(doc)) continue;
    await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName, PolicyDocument: JSON.stringify(doc) }));
  }
  for (const PolicyArn of to.managedPolicies.filter((arn) => !from.managedPolicies.includes(arn))) {
    await iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }));
  }
  const changedTags = Object.entries(to.tags).filter(([k, v]) => from.tags[k] !== v);
  if (changedTags.length > 0) await iam.send(new TagRoleCommand({ RoleName, Tags: tagList(Object.fromEntries(changedTags)) }));

  for (const PolicyName of Object.keys(from.inlinePolicies).filter((n) => !(n in to.inlinePolicies))) {
    await ignoreMissing(iam.send(new DeleteRolePolicyCommand({ RoleName, PolicyName })));
  }
  for (const PolicyArn of from.managedPolicies.filter((arn) => !to.managedPolicies.includes(arn))) {
    await ignoreMissing(iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn })));
  }
  const removedTags = Object.keys(from.tags).filter((k) => !(k in to.tags));
  if (removedTags.length > 0) await iam.send(new UntagRoleCommand({ RoleName, TagKeys: removedTags }));
  if (from.permissionsBoundary !== undefined && to.permissionsBoundary === undefined) {
    await ignoreMissing(iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName })));
  }
  if (from.instanceProfile !== undefined && from.instanceProfile.name !== to.instanceProfile?.name) await leaveProfile(iam, RoleName, from.instanceProfile.name, true);
}

/** The owner a role's desired tags name (the profile orgctl makes for it carries the same). */
const ownerOf = (tags: Tags): string => tags[OWNERSHIP_TAG_KEY] ?? "";

/** Creates the profile if it is missing (tagged as orgctl's), then puts the role in it (a profile holds one role). */
async function joinProfile(iam: IAMClient, RoleName: string, profile: { name: string; path: string }, owner: string): Promise<void> {
  const InstanceProfileName = profile.name;
  const found = await ignoreMissing(iam.send(new GetInstanceProfileCommand({ InstanceProfileName })));
  if (!found) {
    try {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName, Path: profile.path, Tags: tagList({ [OWNERSHIP_TAG_KEY]: owner }) }));
    } catch (err) {
      // Made moments ago by this operation's earlier attempt: carry on with it.
      if (!hasCode(err, "EntityAlreadyExists")) throw err;
    }
  }
  const holders = found?.InstanceProfile?.Roles ?? [];
  if (holders.some((r) => r.RoleName?.toLowerCase() === RoleName.toLowerCase())) return;
  if (holders.length > 0) throw new Error(`instance profile ${InstanceProfileName} already holds role ${holders[0]!.RoleName} (a profile holds one role): free it or name another profile`);
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName, RoleName }));
}

/** Takes the role out of the profile; with `remove`, deletes the profile once it is empty. */
async function leaveProfile(iam: IAMClient, RoleName: string, InstanceProfileName: string, remove: boolean): Promise<void> {
  await ignoreMissing(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName })));
  if (!remove) return;
  const left = await ignoreMissing(iam.send(new GetInstanceProfileCommand({ InstanceProfileName })));
  if (left?.InstanceProfile && (left.InstanceProfile.Roles ?? []).length === 0) await ignoreMissing(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName })));
}

/**
 * Deletes a role orgctl manages: policies first (IAM refuses otherwise), then the role.
 * Whatever else would make DeleteRole fail is checked first, so a role that cannot be
 * deleted is never left stripped of its permissions.
 */
async function deleteRole(iam: IAMClient, name: string, owner: string, ownProfile?: string): Promise<void> {
  const current = await readRole(iam, name, ownProfile);
  if (!current) return;
  // The plan was made earlier; check ownership again right before destroying anything.
  if (!mayDelete(current.tags, owner)) throw new Error(`role ${name} is ${describeOwnership(ownershipOf(current.tags, owner))}: refusing to delete it`);
  const others = (await instanceProfilesOf(iam, name)).filter((p) => p.name !== current.instanceProfile?.name);
  const blocked = instanceProfileBlock(name, others.map((p) => p.name));
  if (blocked) throw new Error(`${blocked}; the role was not changed`);
  // The role's own profile goes first (IAM refuses DeleteRole while the role is in one); a
  // replace re-creates both.
  if (current.instanceProfile) await leaveProfile(iam, name, current.instanceProfile.name, true);
  for (const PolicyName of Object.keys(current.inlinePolicies)) {
    await ignoreMissing(iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName })));
  }
  for (const PolicyArn of current.managedPolicies) {
    await ignoreMissing(iam.send(new DetachRolePolicyCommand({ RoleName: name, PolicyArn })));
  }
  try {
    await ignoreMissing(iam.send(new DeleteRoleCommand({ RoleName: name })));
  } catch (err) {
    if (!hasCode(err, "DeleteConflict")) throw err;
    // Something took hold of the role between the check and DeleteRole (say, an instance
    // profile): give back what was stripped rather than leave a role without permissions.
    await applyDelta(iam, { ...current, inlinePolicies: {}, managedPolicies: [] }, current, (fn) => fn());
    const reason = instanceProfileBlock(name, (await instanceProfilesOf(iam, name)).map((p) => p.name)) ?? String((err as Error).message);
    throw new Error(`${reason}; IAM refused to delete the role and its policies were put back`);
  }
}

async function instanceProfilesOf(iam: IAMClient, name: string): Promise<{ name: string; path: string }[]> {
  const found: { name: string; path: string }[] = [];
  for await (const page of paginateListInstanceProfilesForRole({ client: iam }, { RoleName: name })) {
    for (const p of page.InstanceProfiles ?? []) found.push({ name: p.InstanceProfileName!, path: p.Path ?? "/" });
  }
  return found;
}

/**
 * The role as it is now, in the canonical shape; undefined when it does not exist. `profile`
 * is the instance profile orgctl keeps it in, if any (the only one the shape shows).
 */
async function readRole(iam: IAMClient, name: string, profile?: string): Promise<RoleResource | undefined> {
  const role = await ignoreMissing(iam.send(new GetRoleCommand({ RoleName: name })));
  if (!role?.Role) return undefined;
  const r = role.Role;
  const inlinePolicies: RoleResource["inlinePolicies"] = {};
  for await (const page of paginateListRolePolicies({ client: iam }, { RoleName: name })) {
    for (const PolicyName of page.PolicyNames ?? []) {
      const doc = await iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName }));
      inlinePolicies[PolicyName] = normalizePolicy(doc.PolicyDocument ?? "{}");
    }
  }
  const managedPolicies: string[] = [];
  for await (const page of paginateListAttachedRolePolicies({ client: iam }, { RoleName: name })) {
    for (const p of page.AttachedPolicies ?? []) managedPolicies.push(p.PolicyArn!);
  }
  const tags: Tags = {};
  for (const t of r.Tags ?? []) tags[t.Key!] = t.Value ?? "";
  const held = profile === undefined ? undefined : (await instanceProfilesOf(iam, name)).find((p) => p.name.toLowerCase() === profile.toLowerCase());
  return {
    name,
    path: r.Path ?? "/",
    description: r.Description ?? "",
    assumeRolePolicy: normalizePolicy(r.AssumeRolePolicyDocument ?? "{}"),
    inlinePolicies,
    managedPolicies: managedPolicies.sort(),
    maxSessionDuration: r.MaxSessionDuration ?? 3600,
    tags,
    ...(r.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: r.PermissionsBoundary.PermissionsBoundaryArn } : {}),
    ...(held ? { instanceProfile: held } : {}),
  };
}
