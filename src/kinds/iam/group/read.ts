// An account's groups and their members from the GetAccountAuthorizationDetails listing the
// IAM family makes (Filter Group and User): GroupDetail has the policies, and each user's
// UserDetail names its groups.
import type { GroupDetail, UserDetail } from "@aws-sdk/client-iam";
import type { PolicyDocument } from "../../../model/types.js";
import { decodePolicy } from "../read.js";
import type { LiveGroup } from "./live.js";

export function groupsFrom(groups: GroupDetail[], users: UserDetail[]): { groups: Record<string, LiveGroup>; users: string[] } {
  const out: Record<string, LiveGroup> = {};
  for (const g of groups) {
    if (!g.GroupName || !g.Arn) continue;
    const inlinePolicies: Record<string, PolicyDocument> = {};
    for (const p of g.GroupPolicyList ?? []) if (p.PolicyName && p.PolicyDocument) inlinePolicies[p.PolicyName] = decodePolicy(p.PolicyDocument);
    const members = users.filter((u) => (u.GroupList ?? []).includes(g.GroupName!)).map((u) => u.UserName!).sort();
    out[g.GroupName] = {
      name: g.GroupName,
      path: g.Path ?? "/",
      arn: g.Arn,
      inlinePolicies,
      managedPolicies: (g.AttachedManagedPolicies ?? []).map((p) => p.PolicyArn!).sort(),
      members,
    };
  }
  return { groups: out, users: users.map((u) => u.UserName!).sort() };
}
