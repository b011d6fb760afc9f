// Managed policy attachments: AttachRolePolicy, DetachRolePolicy, ListAttachedRolePolicies.
import { AwsError } from "../types.js";
import { members, required } from "../protocol/query.js";
import { compareKeys, policyView, requireModifiable, requireRole, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { invalidInput, limitExceeded, noSuchPolicy, notAttachable } from "./errors.js";
import { paginate } from "./pagination.js";
import { attachedPolicyXml } from "./xml.js";

/** Managed policies attached per role (default quota). */
const ATTACHED_POLICIES_QUOTA = 10;
const POLICY_ARN = /^arn:aws:iam::(aws|\d{12}):policy\/(.*\/)?[\w+=,.@-]{1,128}$/;

/** PolicyArn as AttachRolePolicy, AttachUserPolicy and AttachGroupPolicy check it. */
export function readPolicyArn(params: URLSearchParams): string {
  const arn = required(params, "PolicyArn");
  new Constraints().length("policyArn", arn, 20, 2048).check();
  if (!POLICY_ARN.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  return arn;
}

export const attachRolePolicy: IamHandler = (call) => {
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  const arn = readPolicyArn(call.params);
  // A customer managed policy of another account is simply not found: policies are per account.
  const policy = policyView(call.state, arn);
  if (!policy) throw notAttachable(arn);
  if (!policy.isAttachable) throw new AwsError("PolicyNotAttachable", "Cannot attach a Service Role Policy to a Customer Role.", 400);
  if (role.attachedPolicies.includes(arn)) return null;
  if (role.attachedPolicies.length >= ATTACHED_POLICIES_QUOTA)
    throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${ATTACHED_POLICIES_QUOTA}`);
  role.attachedPolicies.push(arn);
  return null;
};

export const detachRolePolicy: IamHandler = (call) => {
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  const arn = readPolicyArn(call.params);
  if (!role.attachedPolicies.includes(arn)) throw noSuchPolicy(arn);
  role.attachedPolicies = role.attachedPolicies.filter((a) => a !== arn);
  return null;
};

export const listAttachedRolePolicies: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  const prefix = call.params.get("PathPrefix") || "/";
  const attached = role.attachedPolicies
    .map((arn) => policyView(call.state, arn) ?? { policyName: arn.slice(arn.lastIndexOf("/") + 1), arn, path: "/" })
    .filter((p) => p.path.startsWith(prefix))
    .sort((a, b) => compareKeys(a.arn, b.arn));
  const page = paginate(attached, (p) => p.arn, call.params);
  return members("AttachedPolicies", page.items, attachedPolicyXml) + page.xml;
};

export const attachmentOperations = {
  AttachRolePolicy: attachRolePolicy,
  DetachRolePolicy: detachRolePolicy,
  ListAttachedRolePolicies: listAttachedRolePolicies,
} satisfies Record<string, IamHandler>;
