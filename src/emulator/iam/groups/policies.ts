// A group's permissions: managed policy attachments (AttachGroupPolicy, DetachGroupPolicy,
// ListAttachedGroupPolicies) and inline policies (PutGroupPolicy, GetGroupPolicy,
// DeleteGroupPolicy, ListGroupPolicies). Quotas: 10 managed policies per group, 5,120
// characters of inline policy per group (IAM and AWS STS quotas).
import { AwsError } from "../../types.js";
import { el, members, required, xmlEscape } from "../../protocol/query.js";
import { readPolicyArn } from "../attachments.js";
import { compareKeys, policyView, type IamCall, type IamHandler } from "../call.js";
import { Constraints } from "../constraints.js";
import { limitExceeded, noSuchPolicy, notAttachable } from "../errors.js";
import { paginate } from "../pagination.js";
import { policySize, validatePermissionPolicy } from "../policy-validation.js";
import { attachedPolicyXml, encodePolicy } from "../xml.js";
import { requireGroup } from "./records.js";

const ATTACHED_POLICIES_QUOTA = 10;
const INLINE_POLICIES_QUOTA = 5120;

const noSuchGroupPolicy = (name: string) => new AwsError("NoSuchEntity", `The group policy with name ${name} cannot be found.`, 404);

/** Policy names are unique case-insensitively per group; returns the stored spelling. */
const storedName = (names: Iterable<string>, name: string) => [...names].find((n) => n.toLowerCase() === name.toLowerCase());

const requiredGroup = (call: IamCall) => requireGroup(call, required(call.params, "GroupName"));

export const attachGroupPolicy: IamHandler = (call) => {
  const group = requiredGroup(call);
  const arn = readPolicyArn(call.params);
  const policy = policyView(call.state, arn);
  if (!policy) throw notAttachable(arn);
  if (!policy.isAttachable) throw new AwsError("PolicyNotAttachable", "Cannot attach a Service Role Policy to a Customer Role.", 400);
  if (group.attachedPolicies.includes(arn)) return null;
  if (group.attachedPolicies.length >= ATTACHED_POLICIES_QUOTA) throw limitExceeded(`Cannot exceed quota for PoliciesPerGroup: ${ATTACHED_POLICIES_QUOTA}`);
  group.attachedPolicies.push(arn);
  return null;
};

export const detachGroupPolicy: IamHandler = (call) => {
  const group = requiredGroup(call);
  const arn = readPolicyArn(call.params);
  if (!group.attachedPolicies.includes(arn)) throw noSuchPolicy(arn);
  group.attachedPolicies = group.attachedPolicies.filter((a) => a !== arn);
  return null;
};

export const listAttachedGroupPolicies: IamHandler = (call) => {
  const group = requiredGroup(call);
  const prefix = call.params.get("PathPrefix") || "/";
  const attached = group.attachedPolicies
    .map((arn) => policyView(call.state, arn) ?? { policyName: arn.slice(arn.lastIndexOf("/") + 1), arn, path: "/" })
    .filter((p) => p.path.startsWith(prefix))
    .sort((a, b) => compareKeys(a.arn, b.arn));
  const page = paginate(attached, (p) => p.arn, call.params);
  return members("AttachedPolicies", page.items, attachedPolicyXml) + page.xml;
};

export const putGroupPolicy: IamHandler = (call) => {
  const { params } = call;
  const groupName = required(params, "GroupName");
  const policyName = required(params, "PolicyName");
  const document = required(params, "PolicyDocument");
  new Constraints().name("groupName", groupName, 128).name("policyName", policyName, 128).policyDocument("policyDocument", document).check();
  const group = requireGroup(call, groupName);
  validatePermissionPolicy(document);
  const replaced = storedName(group.inlinePolicies.keys(), policyName);
  let total = policySize(document);
  for (const [name, text] of group.inlinePolicies) if (name !== replaced) total += policySize(text);
  if (total > INLINE_POLICIES_QUOTA) throw limitExceeded(`Maximum policy size of ${INLINE_POLICIES_QUOTA} bytes exceeded for group ${group.groupName}`);
  if (replaced !== undefined) group.inlinePolicies.delete(replaced);
  group.inlinePolicies.set(replaced ?? policyName, document);
  return null;
};

export const getGroupPolicy: IamHandler = (call) => {
  const group = requiredGroup(call);
  const policyName = required(call.params, "PolicyName");
  const name = storedName(group.inlinePolicies.keys(), policyName);
  if (name === undefined) throw noSuchGroupPolicy(policyName);
  return el("GroupName", group.groupName) + el("PolicyName", name) + el("PolicyDocument", encodePolicy(group.inlinePolicies.get(name)!));
};

export const deleteGroupPolicy: IamHandler = (call) => {
  const group = requiredGroup(call);
  const policyName = required(call.params, "PolicyName");
  const name = storedName(group.inlinePolicies.keys(), policyName);
  if (name === undefined) throw noSuchGroupPolicy(policyName);
  group.inlinePolicies.delete(name);
  return null;
};

export const listGroupPolicies: IamHandler = (call) => {
  const group = requiredGroup(call);
  const page = paginate([...group.inlinePolicies.keys()].sort(compareKeys), (n) => n, call.params);
  return members("PolicyNames", page.items, xmlEscape) + page.xml;
};
