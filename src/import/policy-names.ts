// How import writes a managed policy: an AWS managed one by its bare name when the loader
// expands that name back to the same ARN, anything else by its ARN.
import { managedPolicyArn } from "../model/managed-policies.js";

const AWS_MANAGED_PREFIX = "arn:aws:iam::aws:policy/";

export function shortPolicyName(arn: string): string {
  if (!arn.startsWith(AWS_MANAGED_PREFIX)) return arn;
  const name = arn.slice(arn.lastIndexOf("/") + 1);
  return managedPolicyArn(name) === arn ? name : arn;
}
