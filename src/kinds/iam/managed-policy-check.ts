// AWS managed policies exist in every account or in none, so one GetPolicy per distinct
// ARN, from the caller's own account, tells plan about a misspelt name
// (arn:aws:iam::aws:policy/ReadOnlyAcess) before apply fails halfway on AttachRolePolicy.
// Customer managed ARNs are left to apply: they live in each target account.
import { GetPolicyCommand, NoSuchEntityException } from "@aws-sdk/client-iam";
import type { ClientFactory } from "../../aws/clients.js";
import type { Change } from "../../engine/types.js";

const AWS_MANAGED = /^arn:aws[\w-]*:iam::aws:policy\//;

/** Those of `candidates` that are AWS managed policy ARNs IAM does not know. */
export async function unknownAwsManagedPolicies(candidates: string[], clients: ClientFactory): Promise<string[]> {
  const arns = [...new Set(candidates.filter((arn) => AWS_MANAGED.test(arn)))].sort();
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

/** Managed policy ARNs the changes attach that the roles and groups do not have yet. */
export function newlyAttachedAwsPolicies(changes: readonly Change[]): string[] {
  const arns = new Set<string>();
  for (const change of changes) {
    if ((change.type !== "role" && change.type !== "group") || change.after === null) continue;
    const before = new Set(change.before?.managedPolicies ?? []);
    for (const arn of change.after.managedPolicies) if (!before.has(arn)) arns.add(arn);
  }
  return [...arns];
}
