// The operations of the organization-policy kinds, from the management account. Each
// converges from what it finds, so a retry after a lost answer finishes the job: a create
// that finds its policy (by type and name, ours by the ownership tag) updates it instead;
// AttachPolicy's DuplicatePolicyAttachment, DetachPolicy's PolicyNotAttached,
// DeletePolicy's PolicyNotFound, EnablePolicyType's PolicyTypeAlreadyEnabled, and the
// delegated-administrator "already (not) registered" answers mean it is done.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DeregisterDelegatedAdministratorCommand,
  DetachPolicyCommand,
  DisableAWSServiceAccessCommand,
  DisablePolicyTypeCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  RegisterDelegatedAdministratorCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePolicyCommand,
  paginateListPolicies,
  paginateListTagsForResource,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { hasCode } from "../../../aws/retry/transient.js";
import type { ApplyContext } from "../../../engine/operation.js";
import { mayUpdate } from "../../../model/ownership.js";
import type { Tags } from "../../../model/types.js";
import { AWS_MANAGED, isGuardrailType, type PolicyType } from "../../../policy/org/types.js";
import { UnitDirectory } from "../unit-directory.js";
import type { AttachmentTarget, OrgPolicyAttachmentResource, OrgPolicyResource } from "./resources.js";

const directories = new WeakMap<OrganizationsClient, UnitDirectory>();

export async function orgClient(ctx: ApplyContext): Promise<{ client: OrganizationsClient; directory: UnitDirectory }> {
  const client = await ctx.clients.organizations(ctx.managementAccountId);
  let directory = directories.get(client);
  if (!directory) directories.set(client, (directory = new UnitDirectory(client)));
  return { client, directory };
}

export async function ignoring(codes: string[], send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (!codes.some((c) => hasCode(err, c))) throw err;
  }
}

export async function findPolicy(client: OrganizationsClient, type: PolicyType, name: string): Promise<string | undefined> {
  if (isGuardrailType(type) && AWS_MANAGED[type].name === name) return AWS_MANAGED[type].id;
  for await (const page of paginateListPolicies({ client }, { Filter: type })) {
    const found = page.Policies?.find((p) => p.Name === name && !p.AwsManaged);
    if (found?.Id) return found.Id;
  }
  return undefined;
}

async function tagsOf(client: OrganizationsClient, id: string): Promise<Tags> {
  const tags: Tags = {};
  for await (const page of paginateListTagsForResource({ client }, { ResourceId: id })) for (const t of page.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? "";
  return tags;
}

async function convergeTags(client: OrganizationsClient, id: string, current: Tags, wanted: Tags): Promise<void> {
  const remove = Object.keys(current).filter((k) => !(k in wanted) && !k.startsWith("aws:"));
  if (remove.length) await client.send(new UntagResourceCommand({ ResourceId: id, TagKeys: remove }));
  const set = Object.entries(wanted).filter(([k, v]) => current[k] !== v);
  if (set.length) await client.send(new TagResourceCommand({ ResourceId: id, Tags: set.map(([Key, Value]) => ({ Key, Value })) }));
}

/** Create, update or adopt: the policy as `after` says, whatever exists now. */
export async function convergePolicy(policy: OrgPolicyResource, ctx: ApplyContext, adopting: boolean): Promise<void> {
  const { client } = await orgClient(ctx);
  const Content = JSON.stringify(policy.document);
  let id = await findPolicy(client, policy.type, policy.name);
  if (id === undefined) {
    try {
      const Tags = Object.entries(policy.tags).map(([Key, Value]) => ({ Key, Value }));
      await client.send(new CreatePolicyCommand({ Name: policy.name, Type: policy.type, Description: policy.description, Content, Tags }));
      return;
    } catch (err) {
      // A create whose answer was lost, retried: the policy is there now.
      if (!hasCode(err, "DuplicatePolicyException")) throw err;
      id = await findPolicy(client, policy.type, policy.name);
      if (id === undefined) throw err;
    }
  }
  const current = await tagsOf(client, id);
  if (!mayUpdate(current, ctx.owner, adopting)) throw new Error(`policy ${policy.name} (${policy.type}) is not managed by this desired state; set adopt: true to take it over`);
  await client.send(new UpdatePolicyCommand({ PolicyId: id, Description: policy.description, Content }));
  await convergeTags(client, id, current, policy.tags);
}

export async function deletePolicy(policy: OrgPolicyResource, ctx: ApplyContext): Promise<void> {
  const { client } = await orgClient(ctx);
  const id = await findPolicy(client, policy.type, policy.name);
  if (id === undefined) return;
  await ignoring(["PolicyNotFoundException"], () => client.send(new DeletePolicyCommand({ PolicyId: id })));
}

async function targetId(directory: UnitDirectory, target: AttachmentTarget): Promise<string> {
  if (target.kind === "root") return directory.rootId();
  if (target.kind === "unit") return directory.require(target.path);
  return target.id;
}

export async function attachment(a: OrgPolicyAttachmentResource, ctx: ApplyContext, attach: boolean): Promise<void> {
  const { client, directory } = await orgClient(ctx);
  const PolicyId = await findPolicy(client, a.type, a.policy);
  if (PolicyId === undefined) {
    if (!attach) return;
    throw new Error(`policy ${a.policy} (${a.type}) does not exist`);
  }
  const TargetId = await targetId(directory, a.target);
  if (attach) await ignoring(["DuplicatePolicyAttachmentException"], () => client.send(new AttachPolicyCommand({ PolicyId, TargetId })));
  else await ignoring(["PolicyNotAttachedException"], () => client.send(new DetachPolicyCommand({ PolicyId, TargetId })));
}

export async function policyType(type: PolicyType, ctx: ApplyContext, enable: boolean): Promise<void> {
  const { client, directory } = await orgClient(ctx);
  const RootId = await directory.rootId();
  if (enable) await ignoring(["PolicyTypeAlreadyEnabledException"], () => client.send(new EnablePolicyTypeCommand({ RootId, PolicyType: type })));
  else await ignoring(["PolicyTypeNotEnabledException"], () => client.send(new DisablePolicyTypeCommand({ RootId, PolicyType: type })));
}

export async function serviceAccess(ServicePrincipal: string, ctx: ApplyContext, enable: boolean): Promise<void> {
  const { client } = await orgClient(ctx);
  await client.send(enable ? new EnableAWSServiceAccessCommand({ ServicePrincipal }) : new DisableAWSServiceAccessCommand({ ServicePrincipal }));
}

export async function delegation(AccountId: string, ServicePrincipal: string, ctx: ApplyContext, register: boolean): Promise<void> {
  const { client } = await orgClient(ctx);
  if (register) await ignoring(["AccountAlreadyRegisteredException"], () => client.send(new RegisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal })));
  else await ignoring(["AccountNotRegisteredException"], () => client.send(new DeregisterDelegatedAdministratorCommand({ AccountId, ServicePrincipal })));
}
