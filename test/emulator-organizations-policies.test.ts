// The Organizations policy APIs as the real SDK sees them: policies of every type, their
// attachments and AWS's errors and limits, the AWS managed FullAWSAccess everywhere while SCPs
// are enabled, delegated administrators, trusted service access, tags and snapshots.
import { describe, expect, it } from "vitest";
import {
  AttachPolicyCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DeregisterDelegatedAdministratorCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  RegisterDelegatedAdministratorCommand,
  TagResourceCommand,
  UpdatePolicyCommand,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { clientFor, withEmulator } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/types.js";

const MGMT = "111111111111";
const DEV = "222222222222";
const PROD = "333333333333";
const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Sandbox" }, { path: "Workloads/Prod" }],
    accounts: [
      { id: DEV, name: "dev", email: "dev@example.com", unit: "Sandbox" },
      { id: PROD, name: "prod", email: "prod@example.com", unit: "Workloads/Prod" },
    ],
  },
};
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const DENY_LEAVE = doc({ Sid: "DenyLeave", Effect: "Deny", Action: "organizations:LeaveOrganization", Resource: "*" });

async function rootIdOf(orgs: OrganizationsClient) {
  return (await orgs.send(new ListRootsCommand({}))).Roots![0]!;
}
async function policyIdsFor(orgs: OrganizationsClient, TargetId: string, Filter: "SERVICE_CONTROL_POLICY" | "TAG_POLICY" = "SERVICE_CONTROL_POLICY") {
  return (await orgs.send(new ListPoliciesForTargetCommand({ TargetId, Filter }))).Policies!.map((p) => p.Id);
}

describe("policy types and the AWS managed FullAWSAccess", () => {
  const emu = withEmulator({ snapshot });

  it("a new root has no policy types; attaching before EnablePolicyType is PolicyTypeNotEnabledException", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootIdOf(orgs);
    expect(root.PolicyTypes).toEqual([]);
    const created = await orgs.send(new CreatePolicyCommand({ Name: "deny-leave", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: DENY_LEAVE }));
    await expect(orgs.send(new AttachPolicyCommand({ PolicyId: created.Policy!.PolicySummary!.Id!, TargetId: root.Id! }))).rejects.toMatchObject({
      name: "PolicyTypeNotEnabledException",
      message: "This operation can be performed only for enabled policy types.",
    });
  });

  it("enabling SCPs attaches FullAWSAccess to the root, every OU and every account, and shows in ListRoots/DescribeOrganization", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootIdOf(orgs);
    const enabled = await orgs.send(new EnablePolicyTypeCommand({ RootId: root.Id!, PolicyType: "SERVICE_CONTROL_POLICY" }));
    expect(enabled.Root!.PolicyTypes).toEqual([{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }]);
    expect((await rootIdOf(orgs)).PolicyTypes).toEqual([{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }]);
    expect((await orgs.send(new DescribeOrganizationCommand({}))).Organization!.AvailablePolicyTypes).toEqual([{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }]);
    const targets = await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess" }));
    expect(targets.Targets!.map((t) => [t.Type, t.Name]).sort()).toEqual(
      [["ACCOUNT", "Management"], ["ACCOUNT", "dev"], ["ACCOUNT", "prod"], ["ORGANIZATIONAL_UNIT", "Prod"], ["ORGANIZATIONAL_UNIT", "Sandbox"], ["ORGANIZATIONAL_UNIT", "Workloads"], ["ROOT", "Root"]].sort(),
    );
    const full = await orgs.send(new DescribePolicyCommand({ PolicyId: "p-FullAWSAccess" }));
    expect(full.Policy!.PolicySummary).toEqual({
      Id: "p-FullAWSAccess",
      Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
      Name: "FullAWSAccess",
      Description: "Allows access to every operation",
      Type: "SERVICE_CONTROL_POLICY",
      AwsManaged: true,
    });
    await expect(orgs.send(new EnablePolicyTypeCommand({ RootId: root.Id!, PolicyType: "SERVICE_CONTROL_POLICY" }))).rejects.toMatchObject({ name: "PolicyTypeAlreadyEnabledException" });
    await expect(orgs.send(new EnablePolicyTypeCommand({ RootId: "r-zzzz", PolicyType: "SERVICE_CONTROL_POLICY" }))).rejects.toMatchObject({ name: "RootNotFoundException" });
  });

  it("a new OU gets FullAWSAccess too", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootIdOf(orgs);
    const ou = await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: root.Id!, Name: "Fresh" }));
    expect(await policyIdsFor(orgs, ou.OrganizationalUnit!.Id!)).toEqual(["p-FullAWSAccess"]);
  });

  it("FullAWSAccess cannot be updated or deleted (IMMUTABLE_POLICY), and the last SCP of a target cannot be detached", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootIdOf(orgs);
    await expect(orgs.send(new UpdatePolicyCommand({ PolicyId: "p-FullAWSAccess", Name: "x" }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "IMMUTABLE_POLICY" });
    await expect(orgs.send(new DeletePolicyCommand({ PolicyId: "p-FullAWSAccess" }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "IMMUTABLE_POLICY" });
    await expect(orgs.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: root.Id! }))).rejects.toMatchObject({
      name: "ConstraintViolationException",
      Reason: "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED",
    });
  });

  it("disabling SCPs detaches every SCP everywhere; RCPFullAWSAccess can never be detached", async () => {
    const orgs = clientFor(emu(), "organizations");
    const root = await rootIdOf(orgs);
    await orgs.send(new EnablePolicyTypeCommand({ RootId: root.Id!, PolicyType: "RESOURCE_CONTROL_POLICY" }));
    await expect(orgs.send(new DetachPolicyCommand({ PolicyId: "p-RCPFullAWSAccess", TargetId: DEV }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "NON_DETACHABLE_POLICY" });
    const disabled = await orgs.send(new DisablePolicyTypeCommand({ RootId: root.Id!, PolicyType: "SERVICE_CONTROL_POLICY" }));
    expect(disabled.Root!.PolicyTypes).toEqual([{ Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" }]);
    expect((await orgs.send(new ListTargetsForPolicyCommand({ PolicyId: "p-FullAWSAccess" }))).Targets).toEqual([]);
    await expect(orgs.send(new DisablePolicyTypeCommand({ RootId: root.Id!, PolicyType: "SERVICE_CONTROL_POLICY" }))).rejects.toMatchObject({ name: "PolicyTypeNotEnabledException" });
  });
});

describe("policies: create, attach, detach, update, delete", () => {
  const emu = withEmulator({ snapshot: { ...snapshot, organizations: { ...(snapshot.organizations as object), policyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"] } } });

  it("creates an SCP with AWS's shape, lists it by type, and refuses a duplicate name", async () => {
    const orgs = clientFor(emu(), "organizations");
    const created = await orgs.send(new CreatePolicyCommand({ Name: "deny-leave", Description: "no leaving", Type: "SERVICE_CONTROL_POLICY", Content: DENY_LEAVE, Tags: [{ Key: "team", Value: "sec" }] }));
    const summary = created.Policy!.PolicySummary!;
    expect(summary.Id).toMatch(/^p-[a-z0-9]{10}$/);
    const orgId = (await orgs.send(new DescribeOrganizationCommand({}))).Organization!.Id!;
    expect(summary).toEqual({ Id: summary.Id, Arn: `arn:aws:organizations::${MGMT}:policy/${orgId}/service_control_policy/${summary.Id}`, Name: "deny-leave", Description: "no leaving", Type: "SERVICE_CONTROL_POLICY", AwsManaged: false });
    expect(created.Policy!.Content).toBe(DENY_LEAVE);
    const listed = await orgs.send(new ListPoliciesCommand({ Filter: "SERVICE_CONTROL_POLICY" }));
    expect(listed.Policies!.map((p) => p.Name)).toEqual(["FullAWSAccess", "deny-leave"]);
    expect((await orgs.send(new ListPoliciesCommand({ Filter: "TAG_POLICY" }))).Policies).toEqual([]);
    expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: summary.Id! }))).Tags).toEqual([{ Key: "team", Value: "sec" }]);
    await expect(orgs.send(new CreatePolicyCommand({ Name: "deny-leave", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: DENY_LEAVE }))).rejects.toMatchObject({
      name: "DuplicatePolicyException",
      message: "A policy with the same name already exists.",
    });
  });

  it("refuses content over the type's size (5,120 characters for an SCP) and content that breaks the SCP grammar", async () => {
    const orgs = clientFor(emu(), "organizations");
    const padded = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "x".repeat(5120), Effect: "Deny", Action: "*", Resource: "*" }] });
    await expect(orgs.send(new CreatePolicyCommand({ Name: "big", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: padded }))).rejects.toMatchObject({
      name: "ConstraintViolationException",
      Reason: "POLICY_CONTENT_LIMIT_EXCEEDED",
    });
    const withPrincipal = doc({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" });
    await expect(orgs.send(new CreatePolicyCommand({ Name: "p", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: withPrincipal }))).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
      message: "The provided policy document doesn't meet the requirements of the specified policy type: Statement[0].Principal: Principal is not supported in SCPs.",
    });
    await expect(orgs.send(new CreatePolicyCommand({ Name: "p", Description: "", Type: "SERVICE_CONTROL_POLICY", Content: "{not json" }))).rejects.toMatchObject({ name: "MalformedPolicyDocumentException" });
    await expect(orgs.send(new CreatePolicyCommand({ Name: "p", Description: "", Type: "NOT_A_TYPE" as "TAG_POLICY", Content: "{}" }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "INVALID_ENUM_POLICY_TYPE" });
  });

  it("attaches to an OU, refuses a second attachment and a sixth SCP on one target", async () => {
    const orgs = clientFor(emu(), "organizations");
    const sandbox = (await orgs.send(new ListPoliciesForTargetCommand({ TargetId: DEV, Filter: "SERVICE_CONTROL_POLICY" }))).Policies!;
    expect(sandbox.map((p) => p.Id)).toEqual(["p-FullAWSAccess"]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await orgs.send(new CreatePolicyCommand({ Name: `limit-${i}`, Description: "", Type: "SERVICE_CONTROL_POLICY", Content: DENY_LEAVE }));
      ids.push(p.Policy!.PolicySummary!.Id!);
    }
    for (const id of ids.slice(0, 4)) await orgs.send(new AttachPolicyCommand({ PolicyId: id, TargetId: DEV }));
    await expect(orgs.send(new AttachPolicyCommand({ PolicyId: ids[0]!, TargetId: DEV }))).rejects.toMatchObject({
      name: "DuplicatePolicyAttachmentException",
      message: "The selected policy is already attached to the specified target.",
    });
    await expect(orgs.send(new AttachPolicyCommand({ PolicyId: ids[4]!, TargetId: DEV }))).rejects.toMatchObject({ name: "ConstraintViolationException", Reason: "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED" });
    await expect(orgs.send(new AttachPolicyCommand({ PolicyId: ids[4]!, TargetId: "444444444444" }))).rejects.toMatchObject({ name: "TargetNotFoundException" });
    await expect(orgs.send(new DeletePolicyCommand({ PolicyId: ids[0]! }))).rejects.toMatchObject({
      name: "PolicyInUseException",
      message: "The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.",
    });
    await expect(orgs.send(new DetachPolicyCommand({ PolicyId: ids[4]!, TargetId: DEV }))).rejects.toMatchObject({
      name: "PolicyNotAttachedException",
      message: "The policy isn't attached to the specified target in the specified root.",
    });
    // FullAWSAccess may go once another SCP stays on the target.
    await orgs.send(new DetachPolicyCommand({ PolicyId: "p-FullAWSAccess", TargetId: DEV }));
    for (const id of ids.slice(0, 3)) await orgs.send(new DetachPolicyCommand({ PolicyId: id, TargetId: DEV }));
    expect(await policyIdsFor(orgs, DEV)).toEqual([ids[3]]);
    await orgs.send(new DeletePolicyCommand({ PolicyId: ids[0]! }));
    await expect(orgs.send(new DescribePolicyCommand({ PolicyId: ids[0]! }))).rejects.toMatchObject({ name: "PolicyNotFoundException" });
  });

  it("updates name, description and content; a tag policy is checked against the tag policy grammar", async () => {
    const orgs = clientFor(emu(), "organizations");
    const tagPolicy = JSON.stringify({ tags: { costcenter: { tag_key: { "@@assign": "CostCenter" }, tag_value: { "@@assign": ["100", "200"] } } } });
    const created = await orgs.send(new CreatePolicyCommand({ Name: "tags", Description: "", Type: "TAG_POLICY", Content: tagPolicy }));
    const id = created.Policy!.PolicySummary!.Id!;
    const updated = await orgs.send(new UpdatePolicyCommand({ PolicyId: id, Description: "cost centers" }));
    expect(updated.Policy!.PolicySummary!.Description).toBe("cost centers");
    expect(updated.Policy!.Content).toBe(tagPolicy);
    await expect(orgs.send(new UpdatePolicyCommand({ PolicyId: id, Content: JSON.stringify({ tags: { a: { tag_key: { "@@set": "A" } } } }) }))).rejects.toMatchObject({
      name: "MalformedPolicyDocumentException",
      message: "The provided policy document doesn't meet the requirements of the specified policy type: tags.a.tag_key.@@set: @@set is not an inheritance operator (@@assign, @@append, @@remove, @@operators_allowed_for_child_policies).",
    });
    await orgs.send(new AttachPolicyCommand({ PolicyId: id, TargetId: PROD }));
    expect(await policyIdsFor(orgs, PROD, "TAG_POLICY")).toEqual([id]);
    await orgs.send(new DetachPolicyCommand({ PolicyId: id, TargetId: PROD }));
    expect(await policyIdsFor(orgs, PROD, "TAG_POLICY")).toEqual([]);
  });

  it("tags a policy; FullAWSAccess is not taggable", async () => {
    const orgs = clientFor(emu(), "organizations");
    const id = (await orgs.send(new ListPoliciesCommand({ Filter: "TAG_POLICY" }))).Policies![0]!.Id!;
    await orgs.send(new TagResourceCommand({ ResourceId: id, Tags: [{ Key: "owner", Value: "platform" }] }));
    expect((await orgs.send(new ListTagsForResourceCommand({ ResourceId: id }))).Tags).toEqual([{ Key: "owner", Value: "platform" }]);
    await expect(orgs.send(new TagResourceCommand({ ResourceId: "p-FullAWSAccess", Tags: [{ Key: "a", Value: "b" }] }))).rejects.toMatchObject({ name: "TargetNotFoundException" });
  });

  it("a snapshot keeps policies, their targets and where FullAWSAccess was detached; seeding it back gives the same", async () => {
    const dumped = emu().snapshot().organizations as { policyTypes: string[]; policies: { name: string; targets: string[] }[]; managedDetachedFrom?: Record<string, string[]> };
    expect(dumped.policyTypes).toEqual(["SERVICE_CONTROL_POLICY", "TAG_POLICY"]);
    expect(dumped.policies.map((p) => [p.name, p.targets])).toEqual([
      ["deny-leave", []],
      ["limit-1", []],
      ["limit-2", []],
      ["limit-3", [DEV]],
      ["limit-4", []],
      ["tags", []],
    ]);
    expect(dumped.managedDetachedFrom).toEqual({ SERVICE_CONTROL_POLICY: [DEV] });
  });
});

describe("delegated administrators and trusted service access", () => {
  const emu = withEmulator({ snapshot });

  it("registering needs trusted access first (SERVICE_ACCESS_NOT_ENABLED), then lists the account and its services", async () => {
    const orgs = clientFor(emu(), "organizations");
    const register = new RegisterDelegatedAdministratorCommand({ AccountId: PROD, ServicePrincipal: "guardduty.amazonaws.com" });
    await expect(orgs.send(register)).rejects.toMatchObject({ name: "ConstraintViolationException", Reason: "SERVICE_ACCESS_NOT_ENABLED" });
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    await orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    expect((await orgs.send(new ListAWSServiceAccessForOrganizationCommand({}))).EnabledServicePrincipals!.map((s) => s.ServicePrincipal)).toEqual(["guardduty.amazonaws.com"]);
    await orgs.send(register);
    await expect(orgs.send(register)).rejects.toMatchObject({ name: "AccountAlreadyRegisteredException" });
    const admins = await orgs.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: "guardduty.amazonaws.com" }));
    expect(admins.DelegatedAdministrators!.map((a) => [a.Id, a.Name, a.Status])).toEqual([[PROD, "prod", "ACTIVE"]]);
    expect(admins.DelegatedAdministrators![0]!.DelegationEnabledDate).toBeInstanceOf(Date);
    const services = await orgs.send(new ListDelegatedServicesForAccountCommand({ AccountId: PROD }));
    expect(services.DelegatedServices!.map((s) => s.ServicePrincipal)).toEqual(["guardduty.amazonaws.com"]);
    const dumped = emu().snapshot().organizations as { delegatedAdministrators: unknown; trustedServices: unknown };
    expect(dumped.delegatedAdministrators).toEqual([{ accountId: PROD, servicePrincipal: "guardduty.amazonaws.com" }]);
    expect(dumped.trustedServices).toEqual(["guardduty.amazonaws.com"]);
  });

  it("refuses the management account, unknown principals and unknown registrations with AWS's errors", async () => {
    const orgs = clientFor(emu(), "organizations");
    await expect(orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: MGMT, ServicePrincipal: "guardduty.amazonaws.com" }))).rejects.toMatchObject({
      name: "ConstraintViolationException",
      Reason: "CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR",
    });
    await expect(orgs.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: "nope.amazonaws.com" }))).rejects.toMatchObject({ name: "InvalidInputException", Reason: "UNRECOGNIZED_SERVICE_PRINCIPAL" });
    await expect(orgs.send(new RegisterDelegatedAdministratorCommand({ AccountId: "444444444444", ServicePrincipal: "guardduty.amazonaws.com" }))).rejects.toMatchObject({ name: "AccountNotFoundException" });
    await expect(orgs.send(new ListDelegatedServicesForAccountCommand({ AccountId: DEV }))).rejects.toMatchObject({ name: "AccountNotRegisteredException" });
    await orgs.send(new DeregisterDelegatedAdministratorCommand({ AccountId: PROD, ServicePrincipal: "guardduty.amazonaws.com" }));
    await expect(orgs.send(new DeregisterDelegatedAdministratorCommand({ AccountId: PROD, ServicePrincipal: "guardduty.amazonaws.com" }))).rejects.toMatchObject({ name: "AccountNotRegisteredException" });
    expect((await orgs.send(new ListDelegatedAdministratorsCommand({}))).DelegatedAdministrators).toEqual([]);
  });
});
