// The emulated IAM service (awsQuery protocol, API version 2010-05-08).
import { parseQueryBody, queryError, queryResponse } from "../protocol/query.js";
import { AwsError, type EmuRequest, type EmuResponse, type ServiceModule, type World } from "../types.js";
import { attachmentOperations } from "./attachments.js";
import { boundaryOperations } from "./boundaries.js";
import { getAccountAuthorizationDetails } from "./authorization-details.js";
import type { IamHandler } from "./call.js";
import { instanceProfileOperations } from "./instance-profiles.js";
import { managedPolicyOperations } from "./managed-policies.js";
import { rolePolicyOperations } from "./role-policies.js";
import { roleOperations } from "./roles.js";
import { groupOperations } from "./groups/index.js";
import { oidcProviderOperations } from "./oidc-providers/operations.js";
import { listEntitiesForPolicy } from "./policy-entities.js";
import { policyTagOperations } from "./policy-tags.js";
import { userOperations } from "./users/index.js";
import { dumpIam, seedIam } from "./snapshot.js";
import { iamState } from "./state.js";
import { IAM_XMLNS } from "./xml.js";

// A Map, not an object: an Action such as "constructor" or "__proto__" must find nothing.
/** Every operation the module serves (the authorization tables must cover each one). */
export const IAM_OPERATION_NAMES = (): string[] => [...OPERATIONS.keys()];

const OPERATIONS = new Map<string, IamHandler>(
  Object.entries({
    ...roleOperations,
    ...rolePolicyOperations,
    ...attachmentOperations,
    ...boundaryOperations,
    ...managedPolicyOperations,
    ...userOperations,
    ...instanceProfileOperations,
    ...groupOperations,
    ...oidcProviderOperations,
    ...policyTagOperations,
    ListEntitiesForPolicy: listEntitiesForPolicy,
    GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  }),
);

const actionOf = (req: Omit<EmuRequest, "principal">) => {
  const action = parseQueryBody(req.body, req.query).get("Action") ?? "";
  return OPERATIONS.has(action) ? action : "Unknown";
};

function handle(req: EmuRequest, world: World): EmuResponse {
  const params = parseQueryBody(req.body, req.query);
  const action = params.get("Action") ?? "";
  try {
    const handler = OPERATIONS.get(action);
    if (!handler) throw new AwsError("InvalidAction", `Could not find operation ${action} for version ${params.get("Version") ?? "NO_VERSION_SPECIFIED"}`, 400);
    const accountId = req.principal.accountId;
    const result = handler({ params, world, accountId, state: iamState(world, accountId), principal: req.principal });
    return queryResponse(action, IAM_XMLNS, result, req.requestId);
  } catch (err) {
    if (err instanceof AwsError) return queryError(err, IAM_XMLNS, req.requestId);
    // A bug in the emulator surfaces as AWS's own internal error; its cause stays inside.
    const message = "The request processing has failed because of an unknown error, exception or failure.";
    return queryError(new AwsError("ServiceFailure", message, 500), IAM_XMLNS, req.requestId);
  }
}

export const iamService: ServiceModule = {
  name: "iam",
  handle,
  operationOf: actionOf,
  throttle: (req) => queryError(new AwsError("Throttling", "Rate exceeded", 400), IAM_XMLNS, req.requestId),
  seed: seedIam,
  dump: dumpIam,
};
