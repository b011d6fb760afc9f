// policies.yaml entries from live customer managed policies (the default version's document).
// A policy with the same definition in several accounts becomes one entry listing them;
// one orgctl does not own yet carries adopt: true, so the first plan shows the take-over.
import { canonicalJson } from "../engine/canonical.js";
import type { LiveManagedPolicy } from "../kinds/iam/managed-policy/live.js";
import { OWNERSHIP_TAG_KEY, OWNERSHIP_TAG_VALUE } from "../model/types.js";

type PolicyEntry = Record<string, unknown> & { name: string; in: { accounts: string[] } };

export function policyEntries(accounts: { key: string; policies: LiveManagedPolicy[] }[]): PolicyEntry[] {
  const grouped = new Map<string, PolicyEntry>();
  for (const { key, policies } of accounts) {
    for (const policy of policies) {
      const body = policyBody(policy);
      const id = canonicalJson({ name: policy.name, ...body });
      const existing = grouped.get(id);
      if (existing) existing.in.accounts.push(key);
      else grouped.set(id, { name: policy.name, in: { accounts: [key] }, ...body });
    }
  }
  return [...grouped.values()].sort((a, b) => a.name.localeCompare(b.name) || a.in.accounts[0]!.localeCompare(b.in.accounts[0]!));
}

function policyBody(policy: LiveManagedPolicy): Record<string, unknown> {
  const tags = Object.fromEntries(Object.entries(policy.tags).filter(([k]) => k !== OWNERSHIP_TAG_KEY));
  const managed = policy.tags[OWNERSHIP_TAG_KEY] === OWNERSHIP_TAG_VALUE;
  return {
    ...(policy.path !== "/" ? { path: policy.path } : {}),
    ...(policy.description ? { description: policy.description } : {}),
    document: policy.document,
    ...(Object.keys(tags).length > 0 ? { tags } : {}),
    ...(managed ? {} : { adopt: true }),
  };
}
