// The policy, delegated-administrator and trusted-access operations, by their wire names.
import type { Call } from "../access.js";
import { attachPolicy, detachPolicy, listPoliciesForTarget, listTargetsForPolicy } from "./attach.js";
import { createPolicy, deletePolicy, describePolicy, listPolicies, updatePolicy } from "./crud.js";
import { deregisterDelegatedAdministrator, listDelegatedAdministrators, listDelegatedServicesForAccount, registerDelegatedAdministrator } from "./delegated.js";
import { disablePolicyType, enablePolicyType } from "./policy-types.js";
import { disableAwsServiceAccess, enableAwsServiceAccess, listAwsServiceAccessForOrganization } from "./service-access.js";

export const POLICY_OPERATIONS: Record<string, (call: Call) => object> = {
  CreatePolicy: createPolicy,
  UpdatePolicy: updatePolicy,
  DeletePolicy: deletePolicy,
  DescribePolicy: describePolicy,
  ListPolicies: listPolicies,
  AttachPolicy: attachPolicy,
  DetachPolicy: detachPolicy,
  ListPoliciesForTarget: listPoliciesForTarget,
  ListTargetsForPolicy: listTargetsForPolicy,
  EnablePolicyType: enablePolicyType,
  DisablePolicyType: disablePolicyType,
  RegisterDelegatedAdministrator: registerDelegatedAdministrator,
  DeregisterDelegatedAdministrator: deregisterDelegatedAdministrator,
  ListDelegatedAdministrators: listDelegatedAdministrators,
  ListDelegatedServicesForAccount: listDelegatedServicesForAccount,
  EnableAWSServiceAccess: enableAwsServiceAccess,
  DisableAWSServiceAccess: disableAwsServiceAccess,
  ListAWSServiceAccessForOrganization: listAwsServiceAccessForOrganization,
};
