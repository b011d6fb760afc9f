// AppConfigData's error shapes (botocore appconfigdata 2021-11-11): BadRequestException
// carries Reason "InvalidParameters" and Details.InvalidParameters.<member>.Problem
// (Corrupted, Expired, PollIntervalNotSatisfied); ResourceNotFoundException carries
// ResourceType and ReferencedBy (which request member named the missing resource).
import { AwsError } from "../../types.js";

export type TokenProblem = "Corrupted" | "Expired" | "PollIntervalNotSatisfied";

export function badRequest(message: string): AwsError {
  return new AwsError("BadRequestException", message, 400);
}

export function invalidToken(problem: TokenProblem, message: string): AwsError {
  return new AwsError("BadRequestException", message, 400, {
    Reason: "InvalidParameters",
    Details: { InvalidParameters: { ConfigurationToken: { Problem: problem } } },
  });
}

export type ResourceType = "Application" | "ConfigurationProfile" | "Deployment" | "Environment" | "Configuration";

export function notFound(resourceType: ResourceType, message: string, referencedBy: Record<string, string> = {}): AwsError {
  return new AwsError("ResourceNotFoundException", message, 404, { ResourceType: resourceType, ReferencedBy: referencedBy });
}
