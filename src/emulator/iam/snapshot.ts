// The Snapshot's `iam` part: roles, customer managed policies, instance profiles, users,
// groups and OpenID Connect providers per account.
import type { Snapshot, World } from "../types.js";
import { dumpGroups, seedGroups } from "./groups/snapshot.js";
import { dumpInstanceProfiles, seedInstanceProfiles } from "./instance-profile-snapshot.js";
import { dumpOidcProviders, seedOidcProviders } from "./oidc-providers/snapshot.js";
import { iamState, putManagedPolicy, putRole } from "./state.js";
import { findUser, putUser, registerAccessKey } from "./users/records.js";

import type { Document, IamSnapshot, PolicySeed, RoleSeed, UserSeed } from "./snapshot-shape.js";

export type { IamSnapshot, PolicySeed, RoleSeed, UserSeed } from "./snapshot-shape.js";

const text = (doc: Document) => (typeof doc === "string" ? doc : JSON.stringify(doc));

export function seedIam(world: World, snapshot: Snapshot): void {
  const iam = snapshot.iam as IamSnapshot | undefined;
  for (const [accountId, content] of Object.entries(iam?.accounts ?? {})) {
    // Policies first: roles may attach them.
    for (const p of content.policies ?? []) {
      const policy = putManagedPolicy(world, accountId, {
        policyName: p.PolicyName, path: p.Path, document: text(p.Document), description: p.Description, tags: p.Tags,
      });
      // A policy's earlier versions survive a dump and a seed (IAM keeps up to five).
      if (p.Versions !== undefined && p.Versions.length > 0) {
        policy.versions = new Map(p.Versions.map((v) => [v.VersionId, { document: text(v.Document), createDate: policy.createDate }]));
        policy.defaultVersionId = p.Versions.find((v) => v.IsDefaultVersion)?.VersionId ?? p.Versions[p.Versions.length - 1]!.VersionId;
      }
    }
    for (const r of content.roles ?? []) {
      const role = putRole(world, accountId, {
        roleName: r.RoleName,
        path: r.Path,
        assumeRolePolicyDocument: text(r.AssumeRolePolicyDocument),
        description: r.Description,
        maxSessionDuration: r.MaxSessionDuration,
        tags: r.Tags,
        managedPolicyArns: r.ManagedPolicyArns,
        permissionsBoundary: r.PermissionsBoundary,
      });
      for (const [name, doc] of Object.entries(r.InlinePolicies ?? {})) role.inlinePolicies.set(name, text(doc));
    }
    seedInstanceProfiles(world, accountId, content.instanceProfiles ?? []);
    for (const u of content.users ?? []) {
      const user = putUser(world, accountId, { userName: u.UserName, path: u.Path, tags: u.Tags, managedPolicyArns: u.ManagedPolicyArns });
      for (const [name, doc] of Object.entries(u.InlinePolicies ?? {})) user.inlinePolicies.set(name, text(doc));
    }
    // Groups after users: a group names its members.
    seedGroups(world, accountId, content.groups ?? []);
    seedOidcProviders(world, accountId, content.oidcProviders ?? []);
  }
  // A user's long-term keys travel in the snapshot's credentials; a key naming a user the
  // snapshot does not define creates that user (with no permissions).
  for (const key of snapshot.credentials ?? []) {
    if (key.userName === undefined) continue;
    const user = findUser(world, key.accountId, key.userName) ?? putUser(world, key.accountId, { userName: key.userName });
    registerAccessKey(world, key.accountId, user, key);
  }
}

export function dumpIam(world: World, snapshot: Snapshot): void {
  const accounts: IamSnapshot["accounts"] = {};
  for (const id of [...world.accounts.keys()].sort()) {
    if (!world.accounts.get(id)!.slots.has("iam")) continue;
    const state = iamState(world, id);
    const roles: RoleSeed[] = [...state.roles.values()]
      .sort((a, b) => a.roleName.localeCompare(b.roleName))
      .map((r) => ({
        RoleName: r.roleName,
        Path: r.path,
        AssumeRolePolicyDocument: r.assumeRolePolicyDocument,
        ...(r.description !== undefined && { Description: r.description }),
        MaxSessionDuration: r.maxSessionDuration,
        ...(r.tags.length > 0 && { Tags: r.tags }),
        ...(r.inlinePolicies.size > 0 && { InlinePolicies: Object.fromEntries(r.inlinePolicies) }),
        ...(r.attachedPolicies.length > 0 && { ManagedPolicyArns: [...r.attachedPolicies] }),
        ...(r.permissionsBoundary !== undefined && { PermissionsBoundary: r.permissionsBoundary }),
      }));
    const policies: PolicySeed[] = [...state.policies.values()].map((p) => ({
      PolicyName: p.policyName,
      Path: p.path,
      ...(p.description !== undefined && { Description: p.description }),
      Document: p.versions.get(p.defaultVersionId)!.document,
      ...(p.tags.length > 0 && { Tags: p.tags }),
      ...(p.versions.size > 1 && {
        Versions: [...p.versions].map(([id, v]) => ({ VersionId: id, Document: v.document, ...(id === p.defaultVersionId && { IsDefaultVersion: true }) })),
      }),
    }));
    const users: UserSeed[] = [...state.users.values()]
      .sort((a, b) => a.userName.localeCompare(b.userName))
      .map((u) => ({
        UserName: u.userName,
        Path: u.path,
        ...(u.tags.length > 0 && { Tags: u.tags }),
        ...(u.inlinePolicies.size > 0 && { InlinePolicies: Object.fromEntries(u.inlinePolicies) }),
        ...(u.attachedPolicies.length > 0 && { ManagedPolicyArns: [...u.attachedPolicies] }),
      }));
    const instanceProfiles = dumpInstanceProfiles(state);
    const groups = dumpGroups(state);
    const oidcProviders = dumpOidcProviders(state);
    accounts[id] = {
      ...(users.length > 0 && { users }),
      roles,
      policies,
      ...(instanceProfiles.length > 0 && { instanceProfiles }),
      ...(groups.length > 0 && { groups }),
      ...(oidcProviders.length > 0 && { oidcProviders }),
    };
  }
  snapshot.iam = { accounts } satisfies IamSnapshot;
}
