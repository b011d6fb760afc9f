// Permissions boundaries: PutRolePermissionsBoundary and DeleteRolePermissionsBoundary, and
// the check CreateRole shares. A boundary is any managed policy the account can see.
import { AwsError } from "../types.js";
import { required } from "../protocol/query.js";
import { policyView, requireModifiable, requireRole, type IamCall, type IamHandler } from "./call.js";
import { Constraints } from "./constraints.js";

/** Validates a boundary ARN and returns it; IAM answers NoSuchEntity for a policy it cannot find. */
export function checkBoundary(call: IamCall, arn: string): string {
  new Constraints().length("permissionsBoundary", arn, 20, 2048).check();
  const policy = policyView(call.state, arn);
  if (!policy) throw new AwsError("NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`, 404);
  if (!policy.isAttachable) throw new AwsError("PolicyNotAttachable", "Cannot attach a Service Role Policy to a Customer Role.", 400);
  return arn;
}

export const putRolePermissionsBoundary: IamHandler = (call) => {
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  role.permissionsBoundary = checkBoundary(call, required(call.params, "PermissionsBoundary"));
  return null;
};

export const deleteRolePermissionsBoundary: IamHandler = (call) => {
  const role = requireModifiable(requireRole(call, required(call.params, "RoleName")));
  delete role.permissionsBoundary;
  return null;
};

export const boundaryOperations = {
  PutRolePermissionsBoundary: putRolePermissionsBoundary,
  DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,
} satisfies Record<string, IamHandler>;
