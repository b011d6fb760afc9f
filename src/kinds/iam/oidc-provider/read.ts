// Reads an account's OpenID Connect providers: the listing names their ARNs only, so each is
// read with GetOpenIDConnectProvider (accounts have a handful at most; IAM allows 100).
import { GetOpenIDConnectProviderCommand, ListOpenIDConnectProvidersCommand, type IAMClient } from "@aws-sdk/client-iam";
import type { Tags } from "../../../model/types.js";
import type { LiveOidcProvider } from "./live.js";

export async function readOidcProviders(client: IAMClient): Promise<Record<string, LiveOidcProvider>> {
  const listed = (await client.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList ?? [];
  const out: Record<string, LiveOidcProvider> = {};
  for (const { Arn } of listed) {
    if (Arn === undefined) continue;
    const p = await client.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }));
    const url = providerUrl(p.Url ?? Arn.slice(Arn.indexOf(":oidc-provider/") + ":oidc-provider/".length));
    const tags: Tags = {};
    for (const t of p.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
    out[url] = { arn: Arn, url, audiences: p.ClientIDList ?? [], thumbprints: p.ThumbprintList ?? [], tags };
  }
  return out;
}

/** A provider's identity: its URL without scheme or trailing slash, host lower-cased (as IAM's ARN ends). */
export function providerUrl(url: string): string {
  const bare = url.replace(/^https:\/\//i, "").replace(/\/+$/, "");
  const slash = bare.indexOf("/");
  return slash < 0 ? bare.toLowerCase() : bare.slice(0, slash).toLowerCase() + bare.slice(slash);
}
