// Managed policies: CreatePolicy, GetPolicy, DeletePolicy, ListPolicies and their versions
// (GetPolicyVersion, CreatePolicyVersion, DeletePolicyVersion, ListPolicyVersions,
// SetDefaultPolicyVersion).
import { el, members, required } from "../protocol/query.js";
import { AWS_MANAGED_POLICIES, isAwsManagedArn } from "./aws-managed-policies.js";
import { awsPolicyView, compareKeys, customerPolicyView, policyView, type IamCall, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { deleteConflict, entityExists, invalidInput, limitExceeded, noSuchPolicy } from "./errors.js";
import { paginate } from "./pagination.js";
import { policySize, validatePermissionPolicy } from "./policy-validation.js";
import type { ManagedPolicyRecord } from "./state.js";
import { readTags } from "./tags.js";
import { policyVersionXml, policyXml, type PolicyView } from "./xml.js";

const POLICY_SIZE_QUOTA = 6144;
const VERSIONS_QUOTA = 5;

function checkManagedPolicyDocument(document: string): void {
  validatePermissionPolicy(document);
  if (policySize(document) > POLICY_SIZE_QUOTA) throw limitExceeded(`Cannot exceed quota for PolicySize: ${POLICY_SIZE_QUOTA}`);
}

export function requirePolicy(call: IamCall, arn: string): PolicyView {
  const p = policyView(call.state, arn);
  if (!p) throw noSuchPolicy(arn);
  return p;
}

export function requireOwnPolicy(call: IamCall, arn: string): ManagedPolicyRecord {
  if (isAwsManagedArn(arn) && AWS_MANAGED_POLICIES.has(arn)) throw invalidInput(`Cannot modify AWS managed policy ${arn}.`);
  const p = call.state.policies.get(arn);
  if (!p) throw noSuchPolicy(arn);
  return p;
}

export const createPolicy: IamHandler = (call) => {
  const { params, world, accountId, state } = call;
  const policyName = required(params, "PolicyName");
  const document = required(params, "PolicyDocument");
  const path = params.get("Path") ?? "/";
  const description = params.get("Description") ?? undefined;
  new Constraints().name("policyName", policyName, 128).path("path", path).policyDocument("policyDocument", document).description(description).check();
  const tags = readTags(params);
  const taken = [...state.policies.values()].some((p) => p.policyName.toLowerCase() === policyName.toLowerCase());
  if (taken) throw entityExists(`A policy called ${policyName} already exists. Duplicate names are not allowed.`);
  checkManagedPolicyDocument(document);
  const now = new Date(world.clock.wallNow());
  const record: ManagedPolicyRecord = {
    policyName,
    policyId: world.newId("ANPA", 17),
    arn: `arn:aws:iam::${accountId}:policy${path}${policyName}`,
    path,
    description,
    defaultVersionId: "v1",
    versions: new Map([["v1", { document, createDate: now }]]),
    createDate: now,
    updateDate: now,
    tags,
  };
  state.policies.set(record.arn, record);
  return `<Policy>${policyXml(customerPolicyView(state, record), { description: false, tags: true })}</Policy>`;
};

export const getPolicy: IamHandler = (call) => {
  const p = requirePolicy(call, required(call.params, "PolicyArn"));
  return `<Policy>${policyXml(p, { description: true, tags: true })}</Policy>`;
};

export const deletePolicy: IamHandler = (call) => {
  const p = requireOwnPolicy(call, required(call.params, "PolicyArn"));
  if (customerPolicyView(call.state, p).attachmentCount > 0) throw deleteConflict("Cannot delete a policy attached to entities.");
  if (p.versions.size > 1)
    throw deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  call.state.policies.delete(p.arn);
  return null;
};

export const listPolicies: IamHandler = (call) => {
  const { params, state } = call;
  const scope = params.get("Scope") ?? "All";
  const onlyAttached = params.get("OnlyAttached") === "true";
  const prefix = params.get("PathPrefix") || "/";
  new Constraints().enumeration("scope", scope, ["All", "AWS", "Local"]).check();
  const views: PolicyView[] = [];
  if (scope !== "Local") for (const arn of AWS_MANAGED_POLICIES.keys()) views.push(awsPolicyView(state, arn)!);
  if (scope !== "AWS") for (const p of state.policies.values()) views.push(customerPolicyView(state, p));
  const listed = views
    .filter((p) => p.path.startsWith(prefix) && (!onlyAttached || p.attachmentCount > 0))
    .sort((a, b) => compareKeys(a.arn, b.arn));
  const page = paginate(listed, (p) => p.arn, params);
  return members("Policies", page.items, (p) => policyXml(p, { description: false, tags: false })) + page.xml;
};

export const getPolicyVersion: IamHandler = (call) => {
  const arn = required(call.params, "PolicyArn");
  const versionId = required(call.params, "VersionId");
  const p = requirePolicy(call, arn);
  const v = p.versions.find((x) => x.versionId === versionId);
  if (!v) throw noSuchPolicy(`${arn} version ${versionId}`);
  return `<PolicyVersion>${policyVersionXml(v, p.defaultVersionId, true)}</PolicyVersion>`;
};

export const createPolicyVersion: IamHandler = (call) => {
  const document = required(call.params, "PolicyDocument");
  new Constraints().policyDocument("policyDocument", document).check();
  const p = requireOwnPolicy(call, required(call.params, "PolicyArn"));
  if (p.versions.size >= VERSIONS_QUOTA)
    throw limitExceeded(
      `A managed policy can have up to ${VERSIONS_QUOTA} versions. Before you create a new version, you must delete an existing version.`,
    );
  checkManagedPolicyDocument(document);
  const highest = Math.max(...[...p.versions.keys()].map((v) => Number(v.slice(1))));
  const versionId = `v${highest + 1}`;
  const now = new Date(call.world.clock.wallNow());
  p.versions.set(versionId, { document, createDate: now });
  if (call.params.get("SetAsDefault") === "true") p.defaultVersionId = versionId;
  p.updateDate = now;
  return `<PolicyVersion>${policyVersionXml({ versionId, document, createDate: now }, p.defaultVersionId, false)}</PolicyVersion>`;
};

export const deletePolicyVersion: IamHandler = (call) => {
  const arn = required(call.params, "PolicyArn");
  const versionId = required(call.params, "VersionId");
  const p = requireOwnPolicy(call, arn);
  if (!p.versions.has(versionId)) throw noSuchPolicy(`${arn} version ${versionId}`);
  if (versionId === p.defaultVersionId) throw deleteConflict("Cannot delete the default version of a policy.");
  p.versions.delete(versionId);
  return null;
};

/** policyVersionIdType: v1, v2, … (an optional .suffix the API allows but IAM never issues). */
const VERSION_ID = /^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$/;

export const setDefaultPolicyVersion: IamHandler = (call) => {
  const arn = required(call.params, "PolicyArn");
  const versionId = required(call.params, "VersionId");
  new Constraints().length("policyArn", arn, 20, 2048).pattern("versionId", versionId, VERSION_ID, "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?").check();
  const p = requireOwnPolicy(call, arn);
  if (!p.versions.has(versionId)) throw noSuchPolicy(`${arn} version ${versionId}`);
  p.defaultVersionId = versionId;
  p.updateDate = new Date(call.world.clock.wallNow());
  return null;
};

export const listPolicyVersions: IamHandler = (call) => {
  const p = requirePolicy(call, required(call.params, "PolicyArn"));
  const versions = [...p.versions].sort((a, b) => Number(b.versionId.slice(1)) - Number(a.versionId.slice(1)));
  return (
    members("Versions", versions, (v) => policyVersionXml(v, p.defaultVersionId, false)) + el("IsTruncated", false)
  );
};

export const managedPolicyOperations = {
  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  DeletePolicy: deletePolicy,
  ListPolicies: listPolicies,
  GetPolicyVersion: getPolicyVersion,
  CreatePolicyVersion: createPolicyVersion,
  DeletePolicyVersion: deletePolicyVersion,
  ListPolicyVersions: listPolicyVersions,
  SetDefaultPolicyVersion: setDefaultPolicyVersion,
} satisfies Record<string, IamHandler>;
