// Runs a change through its kind's operation (found in the registry: apply names no kind),
// after the lockout check, with orgctl's semantic retries (retry.ts; transient errors are
// retried per call, once) and "access role not assumable yet" for accounts created
// earlier in this run.
import { AccountAccessError } from "../aws/session.js";
import { assertNoLockout } from "./lockout.js";
import type { ApplyContext } from "../engine/operation.js";
import type { RunChange } from "./executor.js";
import { OPERATION_RETRY, withRetries } from "./retry.js";
import type { KindRegistry, OperationResult } from "../engine/kind.js";
import type { ResourceType } from "../engine/resources.js";
import type { ChangeOf } from "../engine/types.js";

export { OPERATION_RETRY };

export function operationRunner(ctx: ApplyContext, kinds: KindRegistry): RunChange {
  const createdAccounts = new Set<string>();
  return async (change) => {
    // The choke point: whatever a change claims, it may not write to a protected role.
    assertNoLockout(change, ctx.protectedRoles, kinds);
    if (change.service !== "organizations" && change.accountId === undefined) {
      throw new Error(`account ${change.account} has no id`);
    }
    if (change.accountId !== undefined && createdAccounts.has(change.accountId)) await waitForAccess(change.accountId, ctx);
    const outcome = await runOperation(change, ctx, kinds);
    if (outcome?.createdAccountId) createdAccounts.add(outcome.createdAccountId);
    return outcome;
  };
}

/**
 * The change's operation, with orgctl's semantic retries. Before repeating an operation
 * that is not idempotent, its earlier attempt's effect is looked for and finished instead.
 */
async function runOperation<T extends ResourceType>(change: ChangeOf<T>, ctx: ApplyContext, kinds: KindRegistry): Promise<OperationResult> {
  const operation = kinds.kindOf(change)?.operations[change.action];
  if (!operation) throw new Error(`orgctl cannot ${change.action} a ${change.type}`);
  let attempted = false;
  return withRetries(
    async () => {
      if (attempted && !operation.idempotent) {
        const earlier = await operation.findEarlierEffect(change, ctx);
        if (earlier) return earlier.outcome;
      }
      attempted = true;
      return operation.run(change, ctx);
    },
    {
      ...OPERATION_RETRY,
      onRetry: (err, attempt) => ctx.progress(`${change.address}: ${(err as Error).name ?? "error"}, retry ${attempt}`),
    },
  );
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
