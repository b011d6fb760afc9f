// Reads an account's customer managed policies: GetAccountAuthorizationDetails (Filter
// LocalManagedPolicy) returns every policy with all its versions in one paginated listing;
// it lacks tags, so ListPolicyTags is called for the policies the desired state names and
// for every other one (an orphan must be recognised by its ownership tag to be pruned).
import { paginateGetAccountAuthorizationDetails, paginateListPolicyTags, type IAMClient } from "@aws-sdk/client-iam";
import type { Tags } from "../../model/types.js";
import { decodePolicy } from "../iam/read.js";
import type { LiveManagedPolicy } from "./live.js";

const PAGE_SIZE = 1000;

export async function readManagedPolicies(client: IAMClient): Promise<Record<string, LiveManagedPolicy>> {
  const out: Record<string, LiveManagedPolicy> = {};
  const pages = paginateGetAccountAuthorizationDetails({ client, pageSize: PAGE_SIZE }, { Filter: ["LocalManagedPolicy"] });
  const found: Omit<LiveManagedPolicy, "tags">[] = [];
  for await (const page of pages) {
    for (const p of page.Policies ?? []) {
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
