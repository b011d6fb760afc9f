// Settings shared by every SDK client orgctl builds (the broker's STS client and the
// per-account clients), so retries, endpoint and call counting behave the same everywhere.
import { AdaptiveRetryStrategy } from "@smithy/core/retry";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { SharedHttpHandler } from "./http-handler.js";
import { CALL_ATTEMPTS } from "./retry/budget.js";
import { OneCutPerEventRateLimiter } from "./retry/rate-limiter.js";

export interface SdkSettings {
  /** Attempts per call including the first (SDK default 3). */
  maxAttempts?: number;
  /**
   * Only for callers that cannot use the environment: the SDK already honours
   * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> on its own.
   */
  endpoint?: string;
  /** Region for STS and the default for regional services (else AWS_REGION, else us-east-1). */
  region?: string;
}

/** The one retry budget per call (see retry/budget.ts): the SDK's strategy spends it on transient errors. */
export const DEFAULT_MAX_ATTEMPTS = CALL_ATTEMPTS;

export function defaultRegion(settings: SdkSettings): string {
  return settings.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
}

export function sdkConfig(
  settings: SdkSettings,
  region: string,
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  requestHandler: SharedHttpHandler,
) {
  const maxAttempts = settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  return {
    region,
    credentials,
    requestHandler,
    maxAttempts,
    // Adaptive: the client paces itself to what AWS admits. One strategy per client, so the
    // pacing is that client's quota's (STS for the caller, IAM per account), cut once per
    // congestion event (retry/rate-limiter.ts).
    retryStrategy: new AdaptiveRetryStrategy(maxAttempts, { rateLimiter: new OneCutPerEventRateLimiter() }),
    // The middleware chain is built once per command type and client instead of on every
    // send (apply sends a few commands of one type per account client, each a fresh chain
    // otherwise). orgctl adds its middleware right after building a client, before any send.
    cacheMiddleware: true,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  };
}
