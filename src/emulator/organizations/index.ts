// The Organizations service module: routes awsJson1_1 operations to their handlers.
import { AwsError, type EmuRequest, type EmuResponse, type ServiceModule, type World } from "../types.js";
import type { Call } from "./access.js";
import { closeAccount, describeAccount, listAccounts, listAccountsForParent, moveAccount } from "./accounts.js";
import { createAccount, describeCreateAccountStatus, listCreateAccountStatus } from "./create-account.js";
import { createOrganization, describeOrganization, listRoots } from "./organization.js";
import { settle } from "./progress.js";
import { jsonError, jsonResponse, operationFromTarget, parseJsonBody, throttleResponse } from "./protocol.js";
import { dumpOrganizations, seedOrganizations } from "./snapshot.js";
import { orgState } from "./state.js";
import { listTagsForResource, tagResource, untagResource } from "./tags.js";
import { listChildren, listParents } from "./tree.js";
import { POLICY_OPERATIONS } from "./policies/operations.js";
import {
  createOrganizationalUnit,
  deleteOrganizationalUnit,
  describeOrganizationalUnit,
  listOrganizationalUnitsForParent,
  updateOrganizationalUnit,
} from "./units.js";

// A Map, not an object: a target such as "….constructor" or "….__proto__" must find nothing.
const OPERATIONS = new Map<string, (call: Call) => object>(Object.entries({
  CreateOrganization: createOrganization,
  DescribeOrganization: describeOrganization,
  ListRoots: listRoots,
  CreateOrganizationalUnit: createOrganizationalUnit,
  UpdateOrganizationalUnit: updateOrganizationalUnit,
  DeleteOrganizationalUnit: deleteOrganizationalUnit,
  DescribeOrganizationalUnit: describeOrganizationalUnit,
  ListOrganizationalUnitsForParent: listOrganizationalUnitsForParent,
  ListChildren: listChildren,
  ListParents: listParents,
  ListAccounts: listAccounts,
  ListAccountsForParent: listAccountsForParent,
  DescribeAccount: describeAccount,
  MoveAccount: moveAccount,
  CloseAccount: closeAccount,
  CreateAccount: createAccount,
  DescribeCreateAccountStatus: describeCreateAccountStatus,
  ListCreateAccountStatus: listCreateAccountStatus,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  ...POLICY_OPERATIONS,
}));

/** Every operation the module serves (the authorization table must name each). */
export const ORGANIZATIONS_OPERATION_NAMES = (): string[] => [...OPERATIONS.keys()];

function handle(req: EmuRequest, world: World): EmuResponse {
  const operation = operationFromTarget(req.headers);
  try {
    const handler = OPERATIONS.get(operation);
    if (!handler) throw new AwsError("UnknownOperationException", `The operation ${operation} is not supported by the emulator.`);
    const org = orgState(world).org;
    if (org) settle(world, org);
    return jsonResponse(handler({ world, principal: req.principal, input: parseJsonBody(req) }), req.requestId);
  } catch (err) {
    if (err instanceof AwsError) return jsonError(err, req.requestId);
    throw err;
  }
}

export const organizationsService: ServiceModule = {
  name: "organizations",
  handle,
  operationOf: (req) => {
    const operation = operationFromTarget(req.headers);
    return OPERATIONS.has(operation) ? operation : "Unknown";
  },
  throttle: (req) => throttleResponse(req.requestId),
  seed: seedOrganizations,
  dump(world, snapshot) {
    const org = orgState(world).org;
    if (org) settle(world, org);
    dumpOrganizations(world, snapshot);
  },
};
