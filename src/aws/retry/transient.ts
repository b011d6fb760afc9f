// Which AWS errors mean "try the same call again" (throttling, 5xx, dropped connections)
// and which name a specific AWS error code, for retry decisions and lost-answer recovery.
import { isThrottlingError } from "../api-calls.js";
import { AccountAccessError } from "../session.js";

const TRANSIENT_CODES = new Set([
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

/** Throttling, 5xx and dropped connections: the call may succeed if sent again. */
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

/** The AWS error code (or Node error name) of err, for progress lines. */
export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : "error";
}
