// Inline role policies: PutRolePolicy, GetRolePolicy, DeleteRolePolicy, ListRolePolicies.
import { el, members, required, xmlEscape } from "../protocol/query.js";
import { compareKeys, requireModifiable, requireRole, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";
import { limitExceeded, noSuchRolePolicy } from "./errors.js";
import { paginate } from "./pagination.js";
import { policySize, validatePermissionPolicy } from "./policy-validation.js";
import { encodePolicy } from "./xml.js";

/** Aggregate size of all inline policies of one role (default quota). */
const INLINE_POLICIES_QUOTA = 10240;

/** Policy names are unique case-insensitively per role; returns the stored spelling. */
const storedName = (names: Iterable<string>, name: string) =>
  [...names].find((n) => n.toLowerCase() === name.toLowerCase());

export const putRolePolicy: IamHandler = (call) => {
  const { params } = call;
  const roleName = required(params, "RoleName");
  const policyName = required(params, "PolicyName");
  const document = required(params, "PolicyDocument");
  new Constraints().name("roleName", roleName, 64).name("policyName", policyName, 128).policyDocument("policyDocument", document).check();
  const role = requireModifiable(requireRole(call, roleName));
  validatePermissionPolicy(document);
  const replaced = storedName(role.inlinePolicies.keys(), policyName);
  let total = policySize(document);
  for (const [name, text] of role.inlinePolicies) if (name !== replaced) total += policySize(text);
  if (total > INLINE_POLICIES_QUOTA)
    throw limitExceeded(`Maximum policy size of ${INLINE_POLICIES_QUOTA} bytes exceeded for role ${role.roleName}`);
  if (replaced !== undefined) role.inlinePolicies.delete(replaced);
  role.inlinePolicies.set(replaced ?? policyName, document);
  return null;
};

export const getRolePolicy: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  const policyName = required(call.params, "PolicyName");
  const name = storedName(role.inlinePolicies.keys(), policyName);
  if (name === undefined) throw noSuchRolePolicy(policyName);
  return el("RoleName", role.roleName) + el("PolicyName", name) + el("PolicyDocument", encodePolicy(role.inlinePolicies.get(name)!));
};

export const deleteRolePolicy: IamHandler = (call) => {
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  const policyName = required(call.params, "PolicyName");
  const name = storedName(role.inlinePolicies.keys(), policyName);
  if (name === undefined) throw noSuchRolePolicy(policyName);
  role.inlinePolicies.delete(name);
  return null;
};

export const listRolePolicies: IamHandler = (call) => {
  const role = requireRole(call, required(call.params, "RoleName"));
  const names = [...role.inlinePolicies.keys()].sort(compareKeys);
  const page = paginate(names, (n) => n, call.params);
  return members("PolicyNames", page.items, xmlEscape) + page.xml;
};

export const rolePolicyOperations = {
  PutRolePolicy: putRolePolicy,
  GetRolePolicy: getRolePolicy,
  DeleteRolePolicy: deleteRolePolicy,
  ListRolePolicies: listRolePolicies,
} satisfies Record<string, IamHandler>;
