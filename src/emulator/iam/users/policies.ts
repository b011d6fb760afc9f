// A user's permissions: managed policy attachments (AttachUserPolicy, DetachUserPolicy,
// ListAttachedUserPolicies) and inline policies (PutUserPolicy, GetUserPolicy,
// DeleteUserPolicy, ListUserPolicies). Quotas: 10 managed policies per user, 2,048
// characters of inline policy per user (IAM and AWS STS quotas).
import { AwsError } from "../../types.js";
import { el, members, required, xmlEscape } from "../../protocol/query.js";
import { compareKeys, policyView, type IamHandler } from "../call.js";
import { Constraints } from "../constraints.js";
import { invalidInput, limitExceeded, noSuchPolicy, notAttachable } from "../errors.js";
import { paginate } from "../pagination.js";
import { policySize, validatePermissionPolicy } from "../policy-validation.js";
import { attachedPolicyXml, encodePolicy } from "../xml.js";
import { requiredUser } from "./lookup.js";

const ATTACHED_POLICIES_QUOTA = 10;
const INLINE_POLICIES_QUOTA = 2048;
const POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/(.*\/)?[\w+=,.@-]{1,128}$/;

const noSuchUserPolicy = (name: string) => new AwsError("NoSuchEntity", `The user policy with name ${name} cannot be found.`, 404);

/** Policy names are unique case-insensitively per user; returns the stored spelling. */
const storedName = (names: Iterable<string>, name: string) => [...names].find((n) => n.toLowerCase() === name.toLowerCase());

function readPolicyArn(params: URLSearchParams): string {
  const arn = required(params, "PolicyArn");
  new Constraints().length("policyArn", arn, 20, 2048).check();
  if (!POLICY_ARN.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  return arn;
}

export const attachUserPolicy: IamHandler = (call) => {
  const user = requiredUser(call, 64);
  const arn = readPolicyArn(call.params);
  const policy = policyView(call.state, arn);
  if (!policy || !policy.isAttachable) throw notAttachable(arn);
  if (user.attachedPolicies.includes(arn)) return null;
  if (user.attachedPolicies.length >= ATTACHED_POLICIES_QUOTA) throw limitExceeded(`Cannot exceed quota for PoliciesPerUser: ${ATTACHED_POLICIES_QUOTA}`);
  user.attachedPolicies.push(arn);
  return null;
};

export const detachUserPolicy: IamHandler = (call) => {
  const user = requiredUser(call, 64);
  const arn = readPolicyArn(call.params);
  if (!user.attachedPolicies.includes(arn)) throw noSuchPolicy(arn);
  user.attachedPolicies = user.attachedPolicies.filter((a) => a !== arn);
  return null;
};

export const listAttachedUserPolicies: IamHandler = (call) => {
  const user = requiredUser(call, 64);
  const prefix = call.params.get("PathPrefix") || "/";
  const attached = user.attachedPolicies
    .map((arn) => policyView(call.state, arn) ?? { policyName: arn.slice(arn.lastIndexOf("/") + 1), arn, path: "/" })
    .filter((p) => p.path.startsWith(prefix))
    .sort((a, b) => compareKeys(a.arn, b.arn));
  const page = paginate(attached, (p) => p.arn, call.params);
  return members("AttachedPolicies", page.items, attachedPolicyXml) + page.xml;
};

export const putUserPolicy: IamHandler = (call) => {
  const { params } = call;
  const userName = required(params, "UserName");
  const policyName = required(params, "PolicyName");
  const document = required(params, "PolicyDocument");
  new Constraints().name("userName", userName, 128).name("policyName", policyName, 128).policyDocument("policyDocument", document).check();
  const user = requiredUser(call);
  validatePermissionPolicy(document);
  const replaced = storedName(user.inlinePolicies.keys(), policyName);
  let total = policySize(document);
  for (const [name, text] of user.inlinePolicies) if (name !== replaced) total += policySize(text);
  if (total > INLINE_POLICIES_QUOTA) throw limitExceeded(`Maximum policy size of ${INLINE_POLICIES_QUOTA} bytes exceeded for user ${user.userName}`);
  if (replaced !== undefined) user.inlinePolicies.delete(replaced);
  user.inlinePolicies.set(replaced ?? policyName, document);
  return null;
};

export const getUserPolicy: IamHandler = (call) => {
  const user = requiredUser(call);
  const policyName = required(call.params, "PolicyName");
  const name = storedName(user.inlinePolicies.keys(), policyName);
  if (name === undefined) throw noSuchUserPolicy(policyName);
  return el("UserName", user.userName) + el("PolicyName", name) + el("PolicyDocument", encodePolicy(user.inlinePolicies.get(name)!));
};

export const deleteUserPolicy: IamHandler = (call) => {
  const user = requiredUser(call);
  const policyName = required(call.params, "PolicyName");
  const name = storedName(user.inlinePolicies.keys(), policyName);
  if (name === undefined) throw noSuchUserPolicy(policyName);
  user.inlinePolicies.delete(name);
  return null;
};

export const listUserPolicies: IamHandler = (call) => {
  const user = requiredUser(call);
  const page = paginate([...user.inlinePolicies.keys()].sort(compareKeys), (n) => n, call.params);
  return members("PolicyNames", page.items, xmlEscape) + page.xml;
};
