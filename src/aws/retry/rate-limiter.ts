// The SDK's adaptive retry mode paces a client by a token bucket whose rate it cuts by 30%
// on every throttling answer. When AWS's own bucket runs dry, every call already in flight
// comes back throttled at about the same moment (up to orgctl's concurrency of them), and
// each answer cut the rate again: four answers of one congestion event left 0.7⁴ ≈ 24% of
// the rate, and the cubic recovery starts from there. Measured re-reading 1,002 accounts
// against STS at 100 calls/s: AssumeRole went from 115/s to about 60/s for the rest of the
// read (3-6 s of it). As TCP cuts its window once per round trip, this limiter cuts once per
// congestion event: a throttling answer within EVENT_MS of the last cut is taken as part
// of it and only moves the rate along the recovery curve, as a success does.
import { DefaultRateLimiter, isThrottlingError, type RateLimiter } from "@smithy/core/retry";
import type { RetryErrorInfo } from "@smithy/types";

/** Longer than a call's round trip plus the SDK's first throttling backoff (up to 1 s). */
export const EVENT_MS = 1000;

/** What AdaptiveRetryStrategy passes: {} for a success, the error's classification otherwise. */
type Answer = Partial<RetryErrorInfo>;

export class OneCutPerEventRateLimiter implements RateLimiter {
  private lastCut = -Infinity;

  constructor(
    private readonly limiter: RateLimiter = new DefaultRateLimiter(),
    private readonly now: () => number = Date.now,
  ) {}

  getSendToken(): Promise<void> {
    return this.limiter.getSendToken();
  }

  updateClientSendingRate(response: Answer): void {
    if (!throttled(response)) return this.limiter.updateClientSendingRate(response);
    const t = this.now();
    if (t - this.lastCut < EVENT_MS) return this.limiter.updateClientSendingRate({});
    this.lastCut = t;
    this.limiter.updateClientSendingRate(response);
  }
}

/** The SDK limiter's own test for a throttling answer: its classification, else the error itself. */
function throttled(answer: Answer): boolean {
  return answer.errorType === "THROTTLING" || (answer.error !== undefined && isThrottlingError(answer.error));
}
