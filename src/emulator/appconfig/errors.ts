// AppConfig's error shapes (restJson1: status + x-amzn-ErrorType header + JSON body).
import { AwsError } from "../types.js";

export function badRequest(message: string, extra: Record<string, unknown> = {}): AwsError {
  return new AwsError("BadRequestException", message, 400, extra);
}

/** ResourceName names the kind of resource that is missing, e.g. "Application". */
export function notFound(resourceName: string, id: string | number): AwsError {
  return new AwsError("ResourceNotFoundException", `${resourceName} ${id} not found`, 404, { ResourceName: resourceName });
}

export function conflict(message: string): AwsError {
  return new AwsError("ConflictException", message, 409);
}

/** AppConfig's default quotas (ServiceQuotaExceededException's documentation in botocore appconfig). */
export const QUOTAS = { applications: 100, deploymentStrategies: 20, profilesPerApplication: 100, environmentsPerApplication: 20 } as const;

export function quotaExceeded(message: string): AwsError {
  return new AwsError("ServiceQuotaExceededException", message, 402);
}

export function payloadTooLarge(limit: number, size: number): AwsError {
  return new AwsError("PayloadTooLargeException", "The configuration size is too large", 413, { Measure: "BYTES", Limit: limit, Size: size });
}
