// Polling something that settles on AWS's side (a deployment, an account creation) until
// it does, or until a deadline: no wait is unbounded. The error names what was waited
// for, for how long, and its last state.
import { sleep } from "./budget.js";
import { formatDuration } from "./with-retries.js";

export interface PollOptions<S> {
  /** "deployment #3 of config/appconfig/…" */
  what: string;
  deadlineMs: number;
  /** The current state, and whether it is settled. */
  check: () => Promise<{ done: true; value: S } | { done: false; state: string }>;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** What to add to the error (e.g. "it keeps running: run apply again to follow it"). */
  hint?: string;
}

export class DeadlineExceededError extends Error {}

export async function pollUntil<S>(opts: PollOptions<S>): Promise<S> {
  const started = Date.now();
  let delay = opts.firstDelayMs ?? 500;
  for (;;) {
    const result = await opts.check();
    if (result.done) return result.value;
    const waited = Date.now() - started;
    if (waited >= opts.deadlineMs) {
      throw new DeadlineExceededError(
        `gave up waiting for ${opts.what} after ${formatDuration(waited)} (deadline ${formatDuration(opts.deadlineMs)}): still ${result.state}${opts.hint ? `; ${opts.hint}` : ""}`,
      );
    }
    await sleep(Math.min(delay, opts.deadlineMs - waited));
    delay = Math.min(delay * 1.5, opts.maxDelayMs ?? 5000);
  }
}
