// orgctl's own retries around whole operations, on top of the SDK's per-call retries:
// the SDK gives up after a few attempts, and some AWS answers mean "not yet" rather than
// "no" (eventual consistency right after a create, Organizations' concurrent changes).
// Operations converge from the current state, so running one again is safe.
import { isThrottlingError } from "../aws/api-calls.js";
import { AccountAccessError } from "../aws/session.js";

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  retryable: (err: unknown) => boolean;
  /** Told before each wait, e.g. to show progress. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withRetries<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.attempts || !opts.retryable(err)) throw err;
      // Full jitter keeps concurrent operations from retrying in lockstep.
      const delay = Math.random() * Math.min(opts.maxMs, opts.baseMs * 2 ** (attempt - 1));
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}

const TRANSIENT_CODES = new Set([
  "ConcurrentModificationException",
  "ServiceFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "InternalFailure",
  "InternalServerException",
  "ServiceException",
  "RequestTimeout",
  "RequestTimeoutException",
  "TimeoutError",
]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "UND_ERR_SOCKET"]);

/** Throttling, 5xx, dropped connections and Organizations' ConcurrentModificationException. */
export function isTransient(err: unknown): boolean {
  if (err instanceof AccountAccessError) return /Throttl|TooManyRequests|Rate exceeded|InternalFailure|ServiceUnavailable|socket hang up|ECONNRESET/i.test(err.message);
  if (isThrottlingError(err)) return true;
  if (typeof err !== "object" || err === null) return false;
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown; message?: string };
  if (TRANSIENT_CODES.has(e.name ?? "") || NETWORK_CODES.has(e.code ?? "")) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return e.$retryable !== undefined || /socket hang up/i.test(e.message ?? "");
}

/** True when err is the AWS error `code` (the SDK names modelled errors "<code>Exception"). */
export function hasCode(err: unknown, code: string): boolean {
  const name = typeof err === "object" && err !== null ? String((err as { name?: string }).name ?? "") : "";
  return name === code || name === `${code}Exception` || `${name}Exception` === code;
}
