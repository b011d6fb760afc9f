// The adaptive retry's pacing cuts its rate once per congestion event: the throttling
// answers of calls that were in flight together are one signal, not one cut each (which
// took STS from 115 to 60 calls/s for the rest of a 1,002-account re-read).
import { AdaptiveRetryStrategy, type RateLimiter } from "@smithy/core/retry";
import type { RetryErrorInfo } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { sdkConfig } from "../src/aws/client-config.js";
import { SharedHttpHandler } from "../src/aws/http-handler.js";
import { EVENT_MS, OneCutPerEventRateLimiter } from "../src/aws/retry/rate-limiter.js";

/** The SDK's own limiter, recording what it is told (it cuts on a throttling answer only). */
function recordingLimiter(): RateLimiter & { told: unknown[] } {
  const told: unknown[] = [];
  return { told, getSendToken: async () => {}, updateClientSendingRate: (response: unknown) => void told.push(response) };
}

const THROTTLED: Partial<RetryErrorInfo> = { errorType: "THROTTLING", error: { name: "Throttling", message: "Rate exceeded", $metadata: { httpStatusCode: 400 } } };

describe("OneCutPerEventRateLimiter", () => {
  it("cuts once for the throttling answers of one event, and again for a later event", () => {
    let now = 10_000;
    const inner = recordingLimiter();
    const limiter = new OneCutPerEventRateLimiter(inner, () => now);
    // Eight calls were in flight when AWS's bucket ran dry: four come back throttled at once.
    for (const dt of [0, 3, 5, 30]) {
      now += dt;
      limiter.updateClientSendingRate(THROTTLED);
    }
    now += 200;
    limiter.updateClientSendingRate({});
    // The later answers of the event reach it as no signal ({}): the rate follows its recovery curve.
    expect(inner.told).toEqual([THROTTLED, {}, {}, {}, {}]);

    now += EVENT_MS;
    limiter.updateClientSendingRate(THROTTLED);
    expect(inner.told).toEqual([THROTTLED, {}, {}, {}, {}, THROTTLED]);
  });

  it("takes an answer as throttling by its error when the SDK did not classify it", () => {
    const inner = recordingLimiter();
    const limiter = new OneCutPerEventRateLimiter(inner, () => 0);
    const reset: Partial<RetryErrorInfo> = { errorType: "TRANSIENT", error: { name: "TimeoutError", message: "socket hang up" } };
    const tooMany: Partial<RetryErrorInfo> = { error: { name: "SlowDown", message: "slow down", $metadata: { httpStatusCode: 429 } } };
    limiter.updateClientSendingRate(reset);
    limiter.updateClientSendingRate(tooMany);
    limiter.updateClientSendingRate(tooMany);
    // A dropped connection is no congestion event; the first 429 is one, the second is part of it.
    expect(inner.told).toEqual([reset, tooMany, {}]);
  });

  it("gives every client orgctl builds an adaptive retry strategy of its own", () => {
    const http = new SharedHttpHandler();
    const a = sdkConfig({}, "us-east-1", { accessKeyId: "a", secretAccessKey: "s" }, http);
    const b = sdkConfig({}, "us-east-1", { accessKeyId: "b", secretAccessKey: "s" }, http);
    expect(a.retryStrategy).toBeInstanceOf(AdaptiveRetryStrategy);
    expect(b.retryStrategy).toBeInstanceOf(AdaptiveRetryStrategy);
    expect(a.retryStrategy).not.toBe(b.retryStrategy);
    http.close();
  });
});
