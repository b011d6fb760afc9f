// Customer managed policy operations. Each converges the policy to the change's `after`
// from what is there now. A document change becomes a new default version; with IAM's five
// versions already there, the oldest non-default one goes first (src/model/policy-versions.ts),
// and a version already holding the document (an earlier run's lost answer) is made default
// again instead of adding another. CreatePolicy fails on an existing name, so a lost answer
// cannot duplicate a policy: the repeat meets EntityAlreadyExists, and the earlier effect is
// the policy itself, converged if ours. Delete refuses while anything still attaches it, and
// no new document goes to a policy attached to the access role or the caller's role.
import {
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  paginateListEntitiesForPolicy,
  paginateListGroupsForUser,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { hasCode } from "../../../aws/retry/transient.js";
import { canonicalJson } from "../../../engine/canonical.js";
import type { ResourceKind } from "../../../engine/kind.js";
import type { ApplyContext, ProtectedRoles } from "../../../engine/operation.js";
import { iamNameKey, roleOfArn, userOfArn } from "../../../aws/iam-identity.js";
import { normalizePolicy } from "../../../engine/policy.js";
import type { ChangeOf } from "../../../engine/types.js";
import { describeOwnership, mayDelete, mayUpdate, ownershipOf } from "../../../model/ownership.js";
import { versionSteps, versionsToDeleteBeforePolicy, type LiveVersion } from "../../../model/policy-versions.js";
import type { Tags } from "../../../model/types.js";
import { policyTags } from "./read.js";
import type { ManagedPolicyResource } from "./resource.js";
import { ignoreMissing, tagList } from "../calls.js";

type Change = ChangeOf<"managed-policy">;

interface Target {
  iam: IAMClient;
  arn: string;
}

async function targetOf(change: Change, ctx: ApplyContext): Promise<Target> {
  if (change.accountId === undefined) throw new Error(`account ${change.account} has no id`);
  const path = change.after?.path ?? change.before?.path ?? "/";
  return { iam: await ctx.clients.iam(change.accountId), arn: `arn:aws:iam::${change.accountId}:policy${path}${change.name}` };
}

function wanted(change: Change): ManagedPolicyResource {
  if (change.after === null) throw new Error(`${change.address}: the change has no desired policy`);
  return change.after;
}

export const managedPolicyOperations: ResourceKind<"managed-policy">["operations"] = {
  create: {
    idempotent: false,
    run: async (change, ctx) => createPolicy(await targetOf(change, ctx), wanted(change), ctx.owner),
    findEarlierEffect: async (change, ctx) => {
      const target = await targetOf(change, ctx);
      const current = await readPolicy(target);
      if (!current) return undefined;
      await converge(target, current, wanted(change), false, ctx.owner, guardOf(change, ctx));
      return {};
    },
  },
  update: { idempotent: true, run: async (change, ctx) => convergePolicy(await targetOf(change, ctx), wanted(change), false, ctx.owner, guardOf(change, ctx)) },
  adopt: { idempotent: true, run: async (change, ctx) => convergePolicy(await targetOf(change, ctx), wanted(change), true, ctx.owner, guardOf(change, ctx)) },
  delete: { idempotent: true, run: async (change, ctx) => deletePolicy(await targetOf(change, ctx), ctx.owner) },
};

interface LivePolicyState {
  policy: ManagedPolicyResource;
  versions: LiveVersion[];
}

async function createPolicy(target: Target, policy: ManagedPolicyResource, owner: string): Promise<void> {
  try {
    await target.iam.send(
      new CreatePolicyCommand({
        PolicyName: policy.name,
        Path: policy.path,
        PolicyDocument: JSON.stringify(policy.document),
        ...(policy.description ? { Description: policy.description } : {}),
        Tags: tagList(policy.tags),
      }),
    );
  } catch (err) {
    if (!hasCode(err, "EntityAlreadyExists")) throw err;
    const current = await readPolicy(target);
    if (!current) throw err;
    await converge(target, current, policy, false, owner);
  }
}

async function convergePolicy(target: Target, policy: ManagedPolicyResource, adopting: boolean, owner: string, guard?: ProtectedGuard): Promise<void> {
  const current = await readPolicy(target);
  if (!current) return createPolicy(target, policy, owner);
  return converge(target, current, policy, adopting, owner, guard);
}

/** The roles no operation may change what they can do: the access role, and the caller's role in its own account. */
interface ProtectedGuard {
  accountId: string | undefined;
  roles: ProtectedRoles;
  policy: string;
}

function guardOf(change: Change, ctx: ApplyContext): ProtectedGuard {
  return { accountId: change.accountId, roles: ctx.protectedRoles, policy: change.name };
}

/**
 * A new document for a policy attached to a protected role changes what that role may do:
 * the lockout guard, checked where the operation runs, with what IAM says is attached now.
 * Credentials of an IAM user are protected alike: the policy may not be attached to that
 * user, nor to a group it is in.
 */
async function assertNotProtected(target: Target, guard: ProtectedGuard): Promise<void> {
  const access = iamNameKey(guard.roles.accessRole);
  const caller = roleOfArn(guard.roles.callerArn);
  const user = userOfArn(guard.roles.callerArn);
  const ownUser = user?.accountId === guard.accountId ? user : undefined;
  const groups: string[] = [];
  for await (const page of paginateListEntitiesForPolicy({ client: target.iam }, { PolicyArn: target.arn, ...(ownUser ? {} : { EntityFilter: "Role" as const }) })) {
    for (const role of page.PolicyRoles ?? []) {
      const name = role.RoleName ?? "";
      const why =
        iamNameKey(name) === access
          ? "the role orgctl uses to reach accounts"
          : caller && caller.accountId === guard.accountId && iamNameKey(name) === iamNameKey(caller.name)
            ? `the role these credentials are using (${guard.roles.callerArn})`
            : undefined;
      if (why) refuse(guard, `${name}, ${why}`, "that role");
    }
    if (!ownUser) continue;
    if ((page.PolicyUsers ?? []).some((u) => iamNameKey(u.UserName ?? "") === iamNameKey(ownUser.name))) {
      refuse(guard, `${ownUser.name}, the IAM user these credentials belong to (${ownUser.arn})`, "that user");
    }
    groups.push(...(page.PolicyGroups ?? []).map((g) => g.GroupName ?? ""));
  }
  if (!ownUser || groups.length === 0) return;
  for await (const page of paginateListGroupsForUser({ client: target.iam }, { UserName: ownUser.name })) {
    const held = (page.Groups ?? []).find((g) => groups.some((name) => iamNameKey(name) === iamNameKey(g.GroupName ?? "")));
    if (held) refuse(guard, `group ${held.GroupName}, which holds ${ownUser.name}, the IAM user these credentials belong to (${ownUser.arn})`, "that group");
  }
}

function refuse(guard: ProtectedGuard, attachedTo: string, detachFrom: string): never {
  throw new Error(`refused: policy ${guard.policy} is attached to ${attachedTo}: changing its document would change what orgctl may do; detach it from ${detachFrom} first`);
}

async function converge(target: Target, current: LivePolicyState, policy: ManagedPolicyResource, adopting: boolean, owner: string, guard?: ProtectedGuard): Promise<void> {
  const { iam, arn } = target;
  if (!mayUpdate(current.policy.tags, owner, adopting)) {
    throw new Error(`policy ${policy.name} exists and is ${describeOwnership(ownershipOf(current.policy.tags, owner))}: refusing to change it`);
  }
  const steps = versionSteps(current.versions, canonicalJson(policy.document));
  if (steps.length > 0 && guard) await assertNotProtected(target, guard);
  for (const step of steps) {
    if (step.op === "delete-version") await ignoreMissing(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: step.versionId })));
    else if (step.op === "set-default") await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: step.versionId }));
    else await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: step.document, SetAsDefault: true }));
  }
  const from = current.policy.tags;
  const changed = Object.entries(policy.tags).filter(([k, v]) => from[k] !== v);
  if (changed.length > 0) await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: tagList(Object.fromEntries(changed)) }));
  const removed = Object.keys(from).filter((k) => !(k in policy.tags));
  if (removed.length > 0) await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: removed }));
}

/** Ours only, and only once nothing attaches it (the plan detaches ours first; anything left is someone else's). */
async function deletePolicy(target: Target, owner: string): Promise<void> {
  const { iam, arn } = target;
  const current = await readPolicy(target);
  if (!current) return;
  if (!mayDelete(current.policy.tags, owner)) throw new Error(`policy ${arn} is ${describeOwnership(ownershipOf(current.policy.tags, owner))}: refusing to delete it`);
  const users: string[] = [];
  for await (const page of paginateListEntitiesForPolicy({ client: iam }, { PolicyArn: arn })) {
    users.push(...(page.PolicyRoles ?? []).map((r) => `role ${r.RoleName}`), ...(page.PolicyGroups ?? []).map((g) => `group ${g.GroupName}`), ...(page.PolicyUsers ?? []).map((u) => `user ${u.UserName}`));
  }
  if (users.length > 0) throw new Error(`policy ${arn} is still attached to ${users.join(", ")}: detach it first; nothing was deleted`);
  for (const versionId of versionsToDeleteBeforePolicy(current.versions)) await ignoreMissing(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })));
  await ignoreMissing(iam.send(new DeletePolicyCommand({ PolicyArn: arn })));
}

/** The policy and its versions (documents in canonical form) as they are now; undefined when it does not exist. */
async function readPolicy(target: Target): Promise<LivePolicyState | undefined> {
  const { iam, arn } = target;
  const got = await ignoreMissing(iam.send(new GetPolicyCommand({ PolicyArn: arn })));
  const p = got?.Policy;
  if (!p) return undefined;
  const listed = (await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
  const versions: LiveVersion[] = [];
  for (const v of listed) {
    const doc = (await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: v.VersionId! }))).PolicyVersion?.Document ?? "{}";
    versions.push({ id: v.VersionId!, isDefault: v.IsDefaultVersion === true, document: canonicalJson(normalizePolicy(doc)) });
  }
  const document = normalizePolicy(versions.find((v) => v.isDefault)?.document ?? '{"Statement":[]}');
  const tags: Tags = p.Tags ? Object.fromEntries(p.Tags.map((t) => [t.Key!, t.Value ?? ""])) : await policyTags(iam, arn);
  return { policy: { name: p.PolicyName!, path: p.Path ?? "/", description: p.Description ?? "", document, tags }, versions };
}
