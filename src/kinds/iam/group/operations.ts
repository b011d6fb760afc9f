// IAM group operations, each converging the group to the change's `after`. CreateGroup fails
// on an existing name, so a lost answer cannot duplicate a group: the repeat meets
// EntityAlreadyExists and converges the group it made. Additions come before removals so
// access never dips; orgctl never creates users, access keys or passwords. Before any call,
// the group as IAM has it is checked for the IAM user running orgctl (caller-lockout.ts).
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
  paginateGetGroup,
  paginateListAttachedGroupPolicies,
  paginateListGroupPolicies,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { hasCode } from "../../../aws/retry/transient.js";
import { canonicalJson } from "../../../engine/canonical.js";
import type { ResourceKind } from "../../../engine/kind.js";
import type { ApplyContext } from "../../../engine/operation.js";
import { normalizePolicy } from "../../../engine/policy.js";
import type { ChangeOf } from "../../../engine/types.js";
import { userOfArn, type UserIdentity } from "../../../aws/iam-identity.js";
import { groupCallerLockout } from "./caller-lockout.js";
import type { GroupResource } from "./resource.js";
import { ignoreMissing } from "../calls.js";
import { spelledAs } from "../policy-parts.js";

type Change = ChangeOf<"group">;

async function iamFor(change: Change, ctx: ApplyContext): Promise<IAMClient> {
  if (change.accountId === undefined) throw new Error(`account ${change.account} has no id`);
  return ctx.clients.iam(change.accountId);
}

/** The IAM user running apply, when it lives in the group's account (a user elsewhere is another user). */
function callerIn(change: Change, ctx: ApplyContext): UserIdentity | undefined {
  const user = userOfArn(ctx.protectedRoles.callerArn);
  return user?.accountId === change.accountId ? user : undefined;
}

function wanted(change: Change): GroupResource {
  if (change.after === null) throw new Error(`${change.address}: the change has no desired group`);
  return change.after;
}

export const groupOperations: ResourceKind<"group">["operations"] = {
  create: {
    idempotent: false,
    run: async (change, ctx) => createGroup(await iamFor(change, ctx), wanted(change), callerIn(change, ctx)),
    findEarlierEffect: async (change, ctx) => {
      const iam = await iamFor(change, ctx);
      const current = await readGroup(iam, wanted(change).name);
      if (!current) return undefined;
      await applyDelta(iam, current, wanted(change), callerIn(change, ctx));
      return {};
    },
  },
  update: {
    idempotent: true,
    run: async (change, ctx) => {
      const iam = await iamFor(change, ctx);
      const current = await readGroup(iam, wanted(change).name);
      return current ? applyDelta(iam, current, wanted(change), callerIn(change, ctx)) : createGroup(iam, wanted(change), callerIn(change, ctx));
    },
  },
};

async function createGroup(iam: IAMClient, group: GroupResource, caller: UserIdentity | undefined): Promise<void> {
  try {
    await iam.send(new CreateGroupCommand({ GroupName: group.name, Path: group.path }));
  } catch (err) {
    if (!hasCode(err, "EntityAlreadyExists")) throw err;
  }
  const current = await readGroup(iam, group.name);
  if (!current) throw new Error(`group ${group.name} was created but cannot be read yet: run apply again`);
  await applyDelta(iam, current, group, caller);
}

async function applyDelta(iam: IAMClient, read: GroupResource, to: GroupResource, caller: UserIdentity | undefined): Promise<void> {
  const from = { ...read, inlinePolicies: spelledAs(read.inlinePolicies, to.inlinePolicies) };
  const lockout = caller && groupCallerLockout(from, to, caller);
  if (lockout) throw new Error(`refused: ${lockout}`);
  const GroupName = to.name;
  if (from.path !== to.path) await iam.send(new UpdateGroupCommand({ GroupName, NewPath: to.path }));
  for (const [PolicyName, doc] of Object.entries(to.inlinePolicies)) {
    const had = from.inlinePolicies[PolicyName];
    if (had && canonicalJson(had) === canonicalJson(doc)) continue;
    await iam.send(new PutGroupPolicyCommand({ GroupName, PolicyName, PolicyDocument: JSON.stringify(doc) }));
  }
  for (const PolicyArn of to.managedPolicies.filter((a) => !from.managedPolicies.includes(a))) await iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn }));
  for (const UserName of to.members.filter((m) => !from.members.includes(m))) await iam.send(new AddUserToGroupCommand({ GroupName, UserName }));
  for (const PolicyName of Object.keys(from.inlinePolicies).filter((n) => !(n in to.inlinePolicies))) await ignoreMissing(iam.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName })));
  for (const PolicyArn of from.managedPolicies.filter((a) => !to.managedPolicies.includes(a))) await ignoreMissing(iam.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn })));
  for (const UserName of from.members.filter((m) => !to.members.includes(m))) await ignoreMissing(iam.send(new RemoveUserFromGroupCommand({ GroupName, UserName })));
}

async function readGroup(iam: IAMClient, name: string): Promise<GroupResource | undefined> {
  const got = await ignoreMissing(iam.send(new GetGroupCommand({ GroupName: name })));
  if (!got?.Group) return undefined;
  const members: string[] = [];
  for await (const page of paginateGetGroup({ client: iam }, { GroupName: name })) for (const u of page.Users ?? []) members.push(u.UserName!);
  const inlinePolicies: GroupResource["inlinePolicies"] = {};
  for await (const page of paginateListGroupPolicies({ client: iam }, { GroupName: name })) {
    for (const PolicyName of page.PolicyNames ?? []) {
      const doc = await iam.send(new GetGroupPolicyCommand({ GroupName: name, PolicyName }));
      inlinePolicies[PolicyName] = normalizePolicy(doc.PolicyDocument ?? "{}");
    }
  }
  const managedPolicies: string[] = [];
  for await (const page of paginateListAttachedGroupPolicies({ client: iam }, { GroupName: name })) for (const p of page.AttachedPolicies ?? []) managedPolicies.push(p.PolicyArn!);
  return { name: got.Group.GroupName ?? name, path: got.Group.Path ?? "/", inlinePolicies, managedPolicies: managedPolicies.sort(), members: members.sort() };
}
