// oidc-providers.yaml entries from live OpenID Connect providers: URL, audiences, the
// thumbprints IAM holds (so the import pins what is there), tags; one orgctl does not own
// yet carries adopt: true.
import type { LiveOidcProvider } from "../kinds/iam/oidc-provider/live.js";
import { OWNERSHIP_TAG_KEY, OWNERSHIP_TAG_VALUE } from "../model/types.js";
import { mergeByAccount, type Entry } from "./by-account.js";

export function oidcProviderEntries(accounts: { key: string; providers: LiveOidcProvider[] }[]): Entry[] {
  const entries = mergeByAccount(
    accounts.map(({ key, providers }) => ({ key, items: providers })),
    (p) => ({ url: `https://${p.url}` }),
    (p) => {
      const tags = Object.fromEntries(Object.entries(p.tags).filter(([k]) => k !== OWNERSHIP_TAG_KEY));
      return {
        ...(p.audiences.length > 0 ? { audiences: [...p.audiences].sort() } : {}),
        ...(p.thumbprints.length > 0 ? { thumbprints: [...p.thumbprints].map((t) => t.toLowerCase()).sort() } : {}),
        ...(Object.keys(tags).length > 0 ? { tags } : {}),
        ...(p.tags[OWNERSHIP_TAG_KEY] === OWNERSHIP_TAG_VALUE ? {} : { adopt: true }),
      };
    },
  );
  return entries.sort((a, b) => String(a.url).localeCompare(String(b.url)) || a.in.accounts[0]!.localeCompare(b.in.accounts[0]!));
}
