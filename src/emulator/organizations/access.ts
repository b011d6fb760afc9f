// Who may call what: any member account may describe its organization; everything else
// is for the management account. Accounts outside the organization get
// AWSOrganizationsNotInUseException, as AWS answers them.
import { AwsError, type Principal, type World } from "../types.js";
import type { Input } from "./input.js";
import { orgState, type Organization } from "./state.js";

export interface Call {
  world: World;
  principal: Principal;
  input: Input;
}

export function requireMember(call: Call): Organization {
  const org = orgState(call.world).org;
  if (!org || !org.accounts.has(call.principal.accountId)) {
    throw new AwsError(
      "AWSOrganizationsNotInUseException",
      "Your account is not a member of an organization.",
    );
  }
  return org;
}

export function requireManagement(call: Call): Organization {
  const org = requireMember(call);
  if (call.principal.accountId !== org.managementAccountId) {
    // The model gives AccessDeniedException HTTP 403 (botocore organizations service-2.json).
    throw new AwsError("AccessDeniedException", "You don't have permissions to access this resource.", 403);
  }
  return org;
}
