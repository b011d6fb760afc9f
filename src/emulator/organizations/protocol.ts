// awsJson1_1 as Organizations speaks it: POST / with X-Amz-Target
// "AWSOrganizationsV20161128.<Operation>", JSON in and out, errors as
// {"__type": code, "Message": ...} (the SDK reads the code from __type).
import { AwsError, type EmuRequest, type EmuResponse } from "../types.js";

const TARGET_PREFIX = "AWSOrganizationsV20161128.";
const CONTENT_TYPE = "application/x-amz-json-1.1";

export function operationFromTarget(headers: Record<string, string>): string {
  const target = headers["x-amz-target"] ?? "";
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : "Unknown";
}

export function parseJsonBody(req: Omit<EmuRequest, "principal">): Record<string, unknown> {
  const text = req.body.toString("utf8").trim();
  if (text === "") return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Falls through to the same error AWS gives for a body that is not a JSON object.
  }
  throw new AwsError("SerializationException", "Start of structure or map found where not expected.");
}

export function jsonResponse(output: object, requestId: string): EmuResponse {
  return { status: 200, headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId }, body: JSON.stringify(output) };
}

export function jsonError(err: AwsError, requestId: string): EmuResponse {
  return {
    status: err.status,
    headers: { "content-type": CONTENT_TYPE, "x-amzn-requestid": requestId },
    body: JSON.stringify({ __type: err.code, Message: err.message, ...err.extra }),
  };
}

export function throttleResponse(requestId: string): EmuResponse {
  return jsonError(
    new AwsError("TooManyRequestsException", "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.", 400, {
      Type: "TooManyRequestsException",
    }),
    requestId,
  );
}
