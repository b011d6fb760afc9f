// Retrying a step whose failure means "not yet" (eventual consistency, an account's access
// role not assumable yet, Organizations' concurrent changes), bounded in attempts and so in
// time. When the bound is reached the error says what was waited for and for how long.
import { backoffMs, sleep } from "./budget.js";

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  retryable: (err: unknown) => boolean;
  /** What the retries wait for ("IAM to accept role x as a principal"): set, running out of attempts says so. */
  waitingFor?: string;
  /** Told before each wait, e.g. to show progress. */
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Running out of attempts while waiting for something named. */
export class WaitExpiredError extends Error {
  constructor(
    readonly waitingFor: string,
    readonly waitedMs: number,
    readonly lastError: unknown,
  ) {
    super(`gave up waiting for ${waitingFor} after ${formatDuration(waitedMs)}: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  }
}

export async function withRetries<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!opts.retryable(err)) throw err;
      if (attempt >= opts.attempts) throw opts.waitingFor ? new WaitExpiredError(opts.waitingFor, Date.now() - started, err) : err;
      const delay = backoffMs(attempt, opts.baseMs, opts.maxMs);
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay);
    }
  }
}

/** "45s", "3 min 20s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60}s` : ""}`;
}
