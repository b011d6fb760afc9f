// Carries out one organization-policy operation (src/model/org-policy/diff.ts) from the
// management account. Every operation is safe to retry: a retry that finds its own earlier
// effect takes it as done — CreatePolicy answered DuplicatePolicyException finds the policy
// by type and name; AttachPolicy's DuplicatePolicyAttachment, DetachPolicy's
// PolicyNotAttached, DeletePolicy's PolicyNotFound, EnablePolicyType's
// PolicyTypeAlreadyEnabled, RegisterDelegatedAdministrator's AccountAlreadyRegistered and
// DeregisterDelegatedAdministrator's AccountNotRegistered all mean the state is already
// what was asked. EnableAWSServiceAccess is idempotent in AWS.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DeregisterDelegatedAdministratorCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  RegisterDelegatedAdministratorCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePolicyCommand,
  paginateListPolicies,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { hasCode } from "../../../aws/retry/transient.js";
import type { OrgPolicyOp } from "../../../model/org-policy/diff.js";
import type { PolicyType } from "../../../policy/org/types.js";

/** Ids of policies created during this apply, by `policy:<type>/<name>`, for the attaches that follow. */
export type CreatedPolicies = Map<string, string>;

async function ignoring(codes: string[], send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (!codes.some((c) => hasCode(err, c))) throw err;
  }
}

async function findPolicy(client: OrganizationsClient, type: PolicyType, name: string): Promise<string | undefined> {
  for await (const page of paginateListPolicies({ client }, { Filter: type })) {
    const found = page.Policies?.find((p) => p.Name === name && !p.AwsManaged);
    if (found?.Id) return found.Id;
  }
  return undefined;
}

async function policyId(client: OrganizationsClient, op: { id?: string; type: PolicyType; name: string }, created: CreatedPolicies): Promise<string> {
  const id = op.id ?? created.get(`policy:${op.type}/${op.name}`) ?? (await findPolicy(client, op.type, op.name));
  if (id === undefined) throw new Error(`policy ${op.name} (${op.type}) does not exist`);
  return id;
}

export async function applyOrgPolicyOp(client: OrganizationsClient, rootId: string, op: OrgPolicyOp, created: CreatedPolicies): Promise<void> {
  switch (op.op) {
    case "enable-type":
      return ignoring(["PolicyTypeAlreadyEnabledException"], () => client.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: op.type })));
    case "disable-type":
      return ignoring(["PolicyTypeNotEnabledException"], () => client.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: op.type })));
    case "create-policy": {
      const Tags = Object.entries(op.tags).map(([Key, Value]) => ({ Key, Value }));
      try {
        const out = await client.send(new CreatePolicyCommand({ Name: op.name, Type: op.type, Description: op.description, Content: op.content, Tags }));
        created.set(op.key, out.Policy!.PolicySummary!.Id!);
      } catch (err) {
        const id = hasCode(err, "DuplicatePolicyException") ? await findPolicy(client, op.type, op.name) : undefined;
        if (id === undefined) throw err;
        created.set(op.key, id);
        await client.send(new UpdatePolicyCommand({ PolicyId: id, Description: op.description, Content: op.content }));
        await client.send(new TagResourceCommand({ ResourceId: id, Tags }));
      }
      return;
    }
    case "update-policy":
      await client.send(new UpdatePolicyCommand({ PolicyId: op.id, Description: op.after.description, Content: op.after.content }));
      return;
    case "tag-policy":
      if (op.remove.length) await client.send(new UntagResourceCommand({ ResourceId: op.id, TagKeys: op.remove }));
      if (Object.keys(op.set).length) await client.send(new TagResourceCommand({ ResourceId: op.id, Tags: Object.entries(op.set).map(([Key, Value]) => ({ Key, Value })) }));
      return;
    case "delete-policy":
      return ignoring(["PolicyNotFoundException"], () => client.send(new DeletePolicyCommand({ PolicyId: op.id })));
    case "attach": {
      const id = await policyId(client, op, created);
      return ignoring(["DuplicatePolicyAttachmentException"], () => client.send(new AttachPolicyCommand({ PolicyId: id, TargetId: op.targetId })));
    }
    case "detach": {
      const id = await policyId(client, op, created);
      return ignoring(["PolicyNotAttachedException"], () => client.send(new DetachPolicyCommand({ PolicyId: id, TargetId: op.targetId })));
    }
    case "enable-service":
      await client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: op.servicePrincipal }));
      return;
    case "register-admin":
      return ignoring(["AccountAlreadyRegisteredException"], () => client.send(new RegisterDelegatedAdministratorCommand({ AccountId: op.accountId, ServicePrincipal: op.servicePrincipal })));
    case "deregister-admin":
      return ignoring(["AccountNotRegisteredException"], () => client.send(new DeregisterDelegatedAdministratorCommand({ AccountId: op.accountId, ServicePrincipal: op.servicePrincipal })));
  }
}

/** Runs operations in an order that respects `needs` (one at a time: Organizations throttles hard). */
export async function applyOrgPolicyOps(client: OrganizationsClient, rootId: string, ops: OrgPolicyOp[]): Promise<void> {
  const created: CreatedPolicies = new Map();
  const done = new Set<string>();
  const keys = new Set(ops.map((o) => o.key));
  let pending = [...ops];
  while (pending.length > 0) {
    const ready = pending.filter((o) => o.needs.every((k) => done.has(k) || !keys.has(k)));
    if (ready.length === 0) throw new Error(`organization policy operations wait on each other: ${pending.map((o) => o.key).join(", ")}`);
    for (const op of ready) {
      await applyOrgPolicyOp(client, rootId, op, created);
      done.add(op.key);
    }
    pending = pending.filter((o) => !done.has(o.key));
  }
}
