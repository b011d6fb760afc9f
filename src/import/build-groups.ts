// groups.yaml entries from live IAM groups: path, inline and attached policies, members.
// Groups carry no tags, so orgctl cannot mark one as its own: each is written with
// adopt: true (the take-over is explicit), and nothing orgctl does prunes a group.
import type { LiveGroup } from "../kinds/iam/group/live.js";
import { mergeByAccount, type Entry } from "./by-account.js";
import { withoutGrants } from "./grants.js";
import { shortPolicyName } from "./policy-names.js";

export function groupEntries(accounts: { key: string; groups: LiveGroup[] }[]): Entry[] {
  const entries = mergeByAccount(
    accounts.map(({ key, groups }) => ({ key, items: groups })),
    (g) => ({ name: g.name }),
    (g) => ({
      ...(g.path !== "/" ? { path: g.path } : {}),
      // orgctl's grants policy comes back from the trusts (grant: true), never as written.
      ...(Object.keys(withoutGrants(g.inlinePolicies)).length > 0 ? { inlinePolicies: withoutGrants(g.inlinePolicies) } : {}),
      ...(g.managedPolicies.length > 0 ? { managedPolicies: g.managedPolicies.map(shortPolicyName) } : {}),
      ...(g.members.length > 0 ? { members: g.members } : {}),
      adopt: true,
    }),
  );
  return entries.sort((a, b) => String(a.name).localeCompare(String(b.name)) || a.in.accounts[0]!.localeCompare(b.in.accounts[0]!));
}
