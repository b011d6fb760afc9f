// IAM and Organizations are global services: in the aws partition their one endpoint
// accepts only signatures scoped to us-east-1 (botocore endpoints.json: partitionEndpoint
// "aws-global", credentialScope region "us-east-1"); any other region is refused with
// "Credential should be scoped to a valid region, not '<region>'. ". STS and AppConfig are
// regional and accept any region.
import type { ServiceName } from "../types.js";

const GLOBAL_SIGNING_REGION: Partial<Record<ServiceName, string>> = { iam: "us-east-1", organizations: "us-east-1" };

export function requiredSigningRegion(service: ServiceName): string | undefined {
  return Object.hasOwn(GLOBAL_SIGNING_REGION, service) ? GLOBAL_SIGNING_REGION[service] : undefined;
}
