// CreateAccount is asynchronous: the request is recorded IN_PROGRESS and completes on the
// world clock (see progress.ts); callers poll DescribeCreateAccountStatus.
import { AwsError } from "../types.js";
import { requireManagement, type Call } from "./access.js";
import { checkString, enumValue, optionalString, PATTERNS, requiredId, requiredString, stringList, tagList } from "./input.js";
import { paginate } from "./pagination.js";
import { DEFAULT_ACCESS_ROLE } from "./provision.js";
import { createStatusShape } from "./shapes.js";
import { CREATE_ACCOUNT_MS, ids, type CreateAccountRequestRecord } from "./state.js";
import { checkTagCount, checkUserTagKeys } from "./tags.js";

const STATES = ["IN_PROGRESS", "SUCCEEDED", "FAILED"] as const;

export function createAccount(call: Call) {
  const org = requireManagement(call);
  const email = checkString("Email", requiredString(call.input, "Email"), { min: 6, max: 64, pattern: PATTERNS.email });
  const accountName = checkString("AccountName", requiredString(call.input, "AccountName"), { min: 1, max: 50, pattern: PATTERNS.createAccountName });
  const roleName = checkString("RoleName", optionalString(call.input, "RoleName") ?? DEFAULT_ACCESS_ROLE, { max: 64, pattern: PATTERNS.roleName });
  const billing = optionalString(call.input, "IamUserAccessToBilling");
  if (billing !== undefined) enumValue("IamUserAccessToBilling", billing, ["ALLOW", "DENY"]);
  const tags = tagList(call.input, "Tags");
  checkUserTagKeys(tags.map((t) => t.Key));
  checkTagCount(tags.length);

  const pending = [...org.createRequests.values()].filter((r) => r.state === "IN_PROGRESS").length;
  if (org.accounts.size + pending >= org.maxAccounts) {
    throw new AwsError("ConstraintViolationException", "You have reached the maximum number of accounts in the organization.", 400, { Reason: "ACCOUNT_NUMBER_LIMIT_EXCEEDED" });
  }
  const now = call.world.clock.now();
  const request: CreateAccountRequestRecord = {
    id: ids.createRequest(call.world),
    accountName,
    email,
    roleName,
    tags,
    requestedAt: call.world.clock.wallNow(),
    completesAt: now + CREATE_ACCOUNT_MS,
    state: "IN_PROGRESS",
  };
  org.createRequests.set(request.id, request);
  return { CreateAccountStatus: createStatusShape(request) };
}

export function describeCreateAccountStatus(call: Call) {
  const org = requireManagement(call);
  const id = requiredId(call.input, "CreateAccountRequestId", PATTERNS.createRequestId);
  const request = org.createRequests.get(id);
  if (!request) throw new AwsError("CreateAccountStatusNotFoundException", "We can't find a create account request with the CreateAccountRequestId that you specified.");
  return { CreateAccountStatus: createStatusShape(request) };
}

export function listCreateAccountStatus(call: Call) {
  const org = requireManagement(call);
  const states = (stringList(call.input, "States") ?? []).map((s) => enumValue("States", s, STATES));
  const matching = [...org.createRequests.values()].filter((r) => states.length === 0 || states.includes(r.state));
  const page = paginate(matching, call.input, `ListCreateAccountStatus/${[...states].sort().join(",")}`);
  return { CreateAccountStatuses: page.items.map(createStatusShape), NextToken: page.nextToken };
}
