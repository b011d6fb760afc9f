// The one retry budget. Every AWS call gets CALL_ATTEMPTS attempts in all for transient
// errors (throttling, 5xx, dropped connections, timeouts), and nothing else adds attempts
// for those errors on top:
//  - idempotent calls (reads, puts, tags, updates by id): the SDK's own retry strategy,
//    configured with maxAttempts = CALL_ATTEMPTS (see ../client-config.ts);
//  - non-idempotent calls (creates without a client token, StartDeployment, CreateAccount):
//    sent with SDK retries off, by sendOnce (./send-once.ts), which looks for the call's own
//    committed effect before each resend, within the same CALL_ATTEMPTS;
//  - orgctl's operation-level loop (../../apply/retry.ts) retries only semantic
//    "not yet" answers (Organizations' ConcurrentModificationException), never transient
//    errors the layers above already spent their budget on. (Before, 5 operation attempts
//    of 5 SDK attempts each stacked to 25.)
export const CALL_ATTEMPTS = 5;

/** Full-jitter exponential backoff before attempt `attempt + 1`: concurrent retries do not move in lockstep. */
export function backoffMs(attempt: number, baseMs = 500, maxMs = 10_000): number {
  return Math.random() * Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
