// Member accounts: list, describe, move between parents, close.
import { AwsError } from "../types.js";
import { requireManagement, type Call } from "./access.js";
import { PATTERNS, requiredId } from "./input.js";
import { paginate } from "./pagination.js";
import { accountShape } from "./shapes.js";
import { CLOSE_ACCOUNT_MS, type OrgAccount, type Organization } from "./state.js";
import { accountsUnder, parentExists, requireParent } from "./tree.js";

function accountNotFound(): AwsError {
  return new AwsError("AccountNotFoundException", "You specified an account that doesn't exist.");
}

function requireAccount(org: Organization, id: string): OrgAccount {
  const account = org.accounts.get(id);
  if (!account) throw accountNotFound();
  return account;
}

export function listAccounts(call: Call) {
  const org = requireManagement(call);
  const page = paginate([...org.accounts.values()], call.input, "ListAccounts");
  return { Accounts: page.items.map((a) => accountShape(org, a)), NextToken: page.nextToken };
}

export function listAccountsForParent(call: Call) {
  const org = requireManagement(call);
  const parentId = requiredId(call.input, "ParentId", PATTERNS.parentId);
  requireParent(org, parentId);
  const page = paginate(accountsUnder(org, parentId), call.input, `ListAccountsForParent/${parentId}`);
  return { Accounts: page.items.map((a) => accountShape(org, a)), NextToken: page.nextToken };
}

export function describeAccount(call: Call) {
  const org = requireManagement(call);
  const account = requireAccount(org, requiredId(call.input, "AccountId", PATTERNS.accountId));
  return { Account: accountShape(org, account) };
}

export function moveAccount(call: Call) {
  const org = requireManagement(call);
  const accountId = requiredId(call.input, "AccountId", PATTERNS.accountId);
  const sourceId = requiredId(call.input, "SourceParentId", PATTERNS.parentId);
  const destinationId = requiredId(call.input, "DestinationParentId", PATTERNS.parentId);
  const account = requireAccount(org, accountId);
  if (!parentExists(org, sourceId)) throw new AwsError("SourceParentNotFoundException", "We can't find a source root or OU with the ParentId that you specified.");
  if (!parentExists(org, destinationId)) throw new AwsError("DestinationParentNotFoundException", "We can't find a destination root or OU with the ParentId that you specified.");
  if (account.parentId === destinationId) throw new AwsError("DuplicateAccountException", "That account is already present in the specified destination.");
  // The source must be where the account is now; otherwise AWS does not find it there.
  if (account.parentId !== sourceId) throw accountNotFound();
  account.parentId = destinationId;
  return {};
}

/** Starts closure: PENDING_CLOSURE now, SUSPENDED once the closure completes on the world clock. */
export function closeAccount(call: Call) {
  const org = requireManagement(call);
  const account = requireAccount(org, requiredId(call.input, "AccountId", PATTERNS.accountId));
  if (account.id === org.managementAccountId) {
    throw new AwsError("ConstraintViolationException", "You can't close the management account with this API.", 400, { Reason: "CANNOT_CLOSE_MANAGEMENT_ACCOUNT" });
  }
  if (account.status === "SUSPENDED") throw new AwsError("AccountAlreadyClosedException", "You attempted to close an account that is already closed.");
  if (account.status === "PENDING_CLOSURE") throw new AwsError("ConcurrentModificationException", "The target of the operation is currently being modified by a different request. Try again later.");
  account.status = "PENDING_CLOSURE";
  account.closesAt = call.world.clock.now() + CLOSE_ACCOUNT_MS;
  return {};
}
