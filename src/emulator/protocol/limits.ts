// How large a request body each protocol accepts, enforced by the server before (from
// Content-Length) or while (counting bytes) it reads the body, and before authentication:
// an unsigned 512 MB POST must not be buffered. Each limit is the largest body a valid
// request can have, from the service model's largest member (sources in
// docs/emulator-sources.md, "Core and STS").
import { AwsError, type ServiceName } from "../types.js";
import { payloadTooLarge } from "../appconfig/errors.js";
import { MAX_CONTENT_BYTES } from "../appconfig/hosted-versions.js";

const MiB = 1024 * 1024;

export const BODY_LIMITS: Record<ServiceName, number> = {
  // policyDocumentType: at most 131,072 characters of U+0009–U+00FF, each at most 6 bytes
  // once UTF-8 and percent-encoded (786,432), plus the other form parameters.
  iam: 1 * MiB,
  // sts: the largest members (Policy 2,048, PolicyArns, Tags) are far smaller.
  sts: 1 * MiB,
  // organizations policyContent: at most 1,000,000 characters.
  organizations: 2 * MiB,
  // A hosted configuration version's content is the raw body: 2 MB (AppConfig quota).
  appconfig: MAX_CONTENT_BYTES,
};

/** The smallest limit: what an unsigned request of no known service gets. */
export const UNKNOWN_SERVICE_BODY_LIMIT = Math.min(...Object.values(BODY_LIMITS));

/** The error each protocol answers for a body over its limit. */
export function bodyTooLarge(service: ServiceName, size: number): AwsError {
  const limit = BODY_LIMITS[service];
  if (service === "appconfig") return payloadTooLarge(limit, size);
  const code = service === "organizations" ? "RequestEntityTooLargeException" : "RequestEntityTooLarge";
  return new AwsError(code, `Request body must be at most ${limit} bytes.`, 413);
}
