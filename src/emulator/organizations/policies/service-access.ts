// Trusted access for AWS services: EnableAWSServiceAccess, DisableAWSServiceAccess,
// ListAWSServiceAccessForOrganization. Enabling twice is not an error in AWS (the call is
// idempotent), and neither is disabling a service that was not enabled.
import { requireManagement, type Call } from "../access.js";
import { checkString, invalidInput, requiredString } from "../input.js";
import { paginate } from "../pagination.js";
import { epochSeconds } from "../shapes.js";
import { requireAllFeatures } from "./crud.js";
import { SERVICE_PRINCIPALS } from "./service-principals.js";

export function servicePrincipal(call: Call): string {
  const principal = checkString("ServicePrincipal", requiredString(call.input, "ServicePrincipal"), { min: 1, max: 128, pattern: /^[\w+=,.@-]*$/ });
  if (!SERVICE_PRINCIPALS.has(principal)) throw invalidInput("UNRECOGNIZED_SERVICE_PRINCIPAL", "You specified a service principal that isn't recognized.");
  return principal;
}

export function enableAwsServiceAccess(call: Call) {
  const org = requireManagement(call);
  const principal = servicePrincipal(call);
  requireAllFeatures(org);
  if (!org.policies.serviceAccess.has(principal)) org.policies.serviceAccess.set(principal, call.world.clock.wallNow());
  return {};
}

export function disableAwsServiceAccess(call: Call) {
  const org = requireManagement(call);
  const principal = servicePrincipal(call);
  org.policies.serviceAccess.delete(principal);
  return {};
}

export function listAwsServiceAccessForOrganization(call: Call) {
  const org = requireManagement(call);
  const all = [...org.policies.serviceAccess].map(([ServicePrincipal, at]) => ({ ServicePrincipal, DateEnabled: epochSeconds(at) }));
  const page = paginate(all, call.input, "ListAWSServiceAccessForOrganization");
  return { EnabledServicePrincipals: page.items, NextToken: page.nextToken };
}
