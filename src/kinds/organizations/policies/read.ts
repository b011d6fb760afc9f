// Reads the organization's policies, their attachments and tags, the policy types enabled on
// the root, delegated administrators and trusted services, from the management account.
// Budgeted like the tree walk (read.ts): per policy one DescribePolicy (content), one
// ListTargetsForPolicy and one ListTagsForResource, bounded by the shared pool; AWS managed
// policies only have their targets read (FullAWSAccess may be replaced somewhere).
import {
  DescribePolicyCommand,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  paginateListDelegatedServicesForAccount,
  paginateListPolicies,
  paginateListRoots,
  paginateListTagsForResource,
  paginateListTargetsForPolicy,
  type OrganizationsClient,
  type PolicySummary,
} from "@aws-sdk/client-organizations";
import { AdaptivePool, mapPool } from "../../../aws/concurrency.js";
import type { LiveOrgPolicies, LiveOrgPolicy } from "../../../model/org-policy/live.js";
import { isPolicyType, type PolicyType } from "../../../policy/org/types.js";

const PAGE_SIZE = 20;

async function collect<P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(pick(page) ?? []));
  return out;
}

/** `types`: the policy types whose policies to read (those enabled are always read). */
export async function readOrgPolicies(client: OrganizationsClient, pool: AdaptivePool, types: ReadonlySet<PolicyType> = new Set()): Promise<LiveOrgPolicies> {
  const roots = await collect(paginateListRoots({ client, pageSize: PAGE_SIZE }, {}), (p) => p.Roots);
  const root = roots[0];
  if (!root?.Id) throw new Error("the organization has no root");
  const enabledTypes = (root.PolicyTypes ?? []).filter((t) => t.Status === "ENABLED").map((t) => t.Type ?? "").filter(isPolicyType);
  const wanted = [...new Set<PolicyType>([...enabledTypes, ...types])];
  const summaries = (await mapPool(pool, wanted, (Filter) => collect(paginateListPolicies({ client, pageSize: PAGE_SIZE }, { Filter }), (p) => p.Policies))).flat();
  const policies = await mapPool(pool, summaries, (s) => readPolicy(client, s));
  const [trustedServices, admins] = await Promise.all([
    collect(paginateListAWSServiceAccessForOrganization({ client, pageSize: PAGE_SIZE }, {}), (p) => p.EnabledServicePrincipals),
    collect(paginateListDelegatedAdministrators({ client, pageSize: PAGE_SIZE }, {}), (p) => p.DelegatedAdministrators),
  ]);
  const adminIds = admins.flatMap((a) => (a.Id ? [a.Id] : []));
  const delegated = await mapPool(pool, adminIds, async (accountId) =>
    (await collect(paginateListDelegatedServicesForAccount({ client, pageSize: PAGE_SIZE }, { AccountId: accountId }), (p) => p.DelegatedServices)).flatMap((s) =>
      s.ServicePrincipal ? [{ accountId, servicePrincipal: s.ServicePrincipal }] : [],
    ),
  );
  return {
    rootId: root.Id,
    enabledTypes,
    policies: policies.filter((p): p is LiveOrgPolicy => p !== undefined),
    delegatedAdministrators: delegated.flat(),
    trustedServices: trustedServices.flatMap((s) => (s.ServicePrincipal ? [s.ServicePrincipal] : [])),
  };
}

async function readPolicy(client: OrganizationsClient, s: PolicySummary): Promise<LiveOrgPolicy | undefined> {
  if (!s.Id || !s.Type || !isPolicyType(s.Type)) return undefined;
  const awsManaged = s.AwsManaged === true;
  const [targets, content, tags] = await Promise.all([
    collect(paginateListTargetsForPolicy({ client, pageSize: PAGE_SIZE }, { PolicyId: s.Id }), (p) => p.Targets),
    awsManaged ? Promise.resolve("") : client.send(new DescribePolicyCommand({ PolicyId: s.Id })).then((r) => r.Policy?.Content ?? ""),
    awsManaged ? Promise.resolve([]) : collect(paginateListTagsForResource({ client }, { ResourceId: s.Id }), (p) => p.Tags),
  ]);
  return {
    id: s.Id,
    arn: s.Arn ?? "",
    name: s.Name ?? "",
    type: s.Type,
    description: s.Description ?? "",
    content,
    awsManaged,
    targets: targets.flatMap((t) => (t.TargetId ? [t.TargetId] : [])),
    tags: Object.fromEntries(tags.flatMap((t) => (t.Key ? [[t.Key, t.Value ?? ""]] : []))),
  };
}
