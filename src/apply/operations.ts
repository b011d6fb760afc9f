// Routes a change to its service's operation and wraps it in orgctl's semantic retries
// (see apply-retry.ts; transient errors are retried per call, once), and "access role not
// assumable yet" for accounts created earlier in this run.
import { AccountAccessError } from "../aws/session.js";
import { assertNoLockout } from "./lockout.js";
import { applyAppConfigChange } from "../providers/appconfig/apply.js";
import { applyRoleChange, applyRoleTrustChange } from "../providers/iam/apply.js";
import { applyOrganizationsChange } from "../providers/organizations/apply.js";
import type { ApplyContext } from "../engine/operation.js";
import type { OperationOutcome, RunChange } from "./executor.js";
import { OPERATION_RETRY, withRetries } from "./retry.js";
import { ROLE_TRUST_TYPE } from "../engine/trust-cycles.js";
import type { Change } from "../engine/types.js";

export { OPERATION_RETRY };

export function operationRunner(ctx: ApplyContext): RunChange {
  const createdAccounts = new Set<string>();
  return async (change) => {
    // The choke point: whatever a change claims, it may not write to a protected role.
    assertNoLockout(change, ctx.protectedRoles);
    if (change.service !== "organizations" && change.accountId === undefined) {
      throw new Error(`account ${change.account} has no id`);
    }
    if (change.accountId !== undefined && createdAccounts.has(change.accountId)) await waitForAccess(change.accountId, ctx);
    const outcome = await withRetries(() => dispatch(change, ctx), {
      ...OPERATION_RETRY,
      onRetry: (err, attempt) => ctx.progress(`${change.address}: ${(err as Error).name ?? "error"}, retry ${attempt}`),
    });
    if (outcome?.createdAccountId) createdAccounts.add(outcome.createdAccountId);
    if (change.service === "iam" && (change.action === "create" || change.action === "replace")) ctx.createdRoles.add(change.address);
    return outcome;
  };
}

function dispatch(change: Change, ctx: ApplyContext): Promise<OperationOutcome | void> {
  switch (change.service) {
    case "organizations":
      return applyOrganizationsChange(change, ctx);
    case "iam":
      if (change.type === ROLE_TRUST_TYPE) return applyRoleTrustChange(change, ctx);
      if (change.type !== "role") throw new Error(`unknown IAM resource type ${change.type}`);
      return applyRoleChange(change, ctx);
    case "appconfig":
      return applyAppConfigChange(change, ctx);
  }
}

/** A new account's access role can take a while to become assumable. */
async function waitForAccess(accountId: string, ctx: ApplyContext): Promise<void> {
  await withRetries(() => ctx.clients.broker.sessionFor(accountId), {
    attempts: 10,
    baseMs: 2000,
    maxMs: 15_000,
    retryable: (err) => err instanceof AccountAccessError,
    waitingFor: `the access role of account ${accountId} to become assumable`,
    onRetry: () => ctx.progress(`account ${accountId}: access role not assumable yet; retrying`),
  });
}
