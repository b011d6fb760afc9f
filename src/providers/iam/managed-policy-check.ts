// AWS managed policies exist in every account or in none, so one GetPolicy per distinct
// ARN, from the caller's own account, tells plan about a misspelt name
// (arn:aws:iam::aws:policy/ReadOnlyAcess) before apply fails halfway on AttachRolePolicy.
import { GetPolicyCommand, NoSuchEntityException } from "@aws-sdk/client-iam";
import type { ClientFactory } from "../../aws/clients.js";
import type { DesiredState } from "../../model/types.js";

const AWS_MANAGED = /^arn:aws[\w-]*:iam::aws:policy\//;

/** The AWS managed policy ARNs the desired state attaches that IAM does not know. */
export async function unknownAwsManagedPolicies(desired: DesiredState, clients: ClientFactory): Promise<string[]> {
  const arns = [...new Set(desired.roles.flatMap((r) => r.managedPolicies).filter((arn) => AWS_MANAGED.test(arn)))].sort();
  if (arns.length === 0) return [];
  const { account } = await clients.broker.callerIdentity();
  const iam = await clients.iam(account);
  const missing: string[] = [];
  for (const arn of arns) {
    try {
      await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
    } catch (err) {
      if (!(err instanceof NoSuchEntityException)) throw err;
      missing.push(arn);
    }
  }
  return missing;
}
