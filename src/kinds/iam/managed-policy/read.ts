// An account's customer managed policies from the GetAccountAuthorizationDetails listing
// the IAM family already makes (Filter LocalManagedPolicy: every policy with all its
// versions). The listing lacks tags, so ListPolicyTags is called once per policy: an orphan
// must be recognised by its ownership tag to be pruned.
import { paginateListPolicyTags, type IAMClient, type ManagedPolicyDetail } from "@aws-sdk/client-iam";
import type { Tags } from "../../../model/types.js";
import { decodePolicy } from "../read.js";
import type { LiveManagedPolicy } from "./live.js";

export async function managedPoliciesFrom(client: IAMClient, details: ManagedPolicyDetail[]): Promise<Record<string, LiveManagedPolicy>> {
  const out: Record<string, LiveManagedPolicy> = {};
  const found: Omit<LiveManagedPolicy, "tags">[] = [];
  for (const p of details) {
    const current = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion);
    if (!p.PolicyName || !p.Arn || !current?.Document) continue;
    found.push({
      name: p.PolicyName,
      path: p.Path ?? "/",
      arn: p.Arn,
      ...(p.Description ? { description: p.Description } : {}),
      document: decodePolicy(current.Document),
      attachmentCount: p.AttachmentCount ?? 0,
    });
  }
  const tags = await Promise.all(found.map((p) => policyTags(client, p.arn)));
  found.forEach((p, i) => (out[p.name] = { ...p, tags: tags[i]! }));
  return out;
}

export async function policyTags(client: IAMClient, arn: string): Promise<Tags> {
  const tags: Tags = {};
  for await (const page of paginateListPolicyTags({ client }, { PolicyArn: arn })) {
    for (const t of page.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
  }
  return tags;
}
