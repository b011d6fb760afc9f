// orgctl's own retries around whole operations. These are only for semantic "not yet"
// answers that no single call's retries can fix (Organizations' ConcurrentModificationException:
// another change to the organization is in progress). Transient errors (throttling, 5xx,
// dropped connections) are NOT retried here: each call already spent the one retry budget
// on them (src/aws/retry/budget.ts), so retrying the operation would stack budgets.
// Operations converge from the current state, so running one again is safe.
import { hasCode } from "../aws/retry/transient.js";
import type { RetryOptions } from "../aws/retry/with-retries.js";

export { withRetries } from "../aws/retry/with-retries.js";

/** Answers that mean "the same request will succeed once AWS finishes something else". */
export function isSemanticRetry(err: unknown): boolean {
  return hasCode(err, "ConcurrentModification");
}

/** Each operation: up to 5 attempts in all, for semantic retries only. */
export const OPERATION_RETRY: RetryOptions = {
  attempts: 5,
  baseMs: 1000,
  maxMs: 15_000,
  retryable: isSemanticRetry,
};
