// Counts every HTTP attempt by "service:Operation" (the plan reports these counts, and
// they are what AWS throttles on) and tells a listener about throttling responses so
// the concurrency pool can back off.
import type { Pluggable } from "@smithy/types";

// Throttling error codes of the services orgctl calls (IAM/STS, Organizations, AppConfig).
const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
]);

export function isThrottlingError(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return THROTTLING_CODES.has(e.name ?? "") || THROTTLING_CODES.has(e.Code ?? "") || e.$metadata?.httpStatusCode === 429;
}

export class ApiCallCounter {
  readonly counts: Record<string, number> = {};
  private readonly throttleListeners = new Set<(service: string) => void>();

  /** The listener learns which service throttled: each has its own quota, so only its pool should back off. */
  onThrottle(listener: (service: string) => void): () => void {
    this.throttleListeners.add(listener);
    return () => this.throttleListeners.delete(listener);
  }

  record(key: string): void {
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  /** A plugin for one SDK client of `service` (e.g. "iam"). */
  plugin<I extends object, O extends object>(service: string): Pluggable<I, O> {
    return {
      applyToStack: (stack) => {
        // The deserialize step runs once per attempt (retries happen in finalizeRequest).
        stack.add(
          (next, context) => async (args) => {
            const operation = String(context.commandName ?? "Unknown").replace(/Command$/, "");
            this.record(`${service}:${operation}`);
            try {
              return await next(args);
            } catch (err) {
              if (isThrottlingError(err)) for (const listener of this.throttleListeners) listener(service);
              throw err;
            }
          },
          { step: "deserialize", name: "orgctlApiCallCounter", priority: "high" },
        );
      },
    };
  }
}
