// Desired and live OpenID Connect providers in the canonical shape, so they compare as JSON.
import { ownedTags } from "../../../model/ownership.js";
import type { OidcProviderSpec } from "../../../model/types.js";
import type { LiveOidcProvider } from "./live.js";
import { providerUrl } from "./read.js";
import type { OidcProviderResource } from "./resource.js";

const sorted = (xs: string[]) => [...new Set(xs)].sort();

export function desiredProvider(spec: OidcProviderSpec, owner: string): OidcProviderResource {
  return { url: providerUrl(spec.url), audiences: sorted(spec.audiences), thumbprints: sorted(spec.thumbprints.map((t) => t.toLowerCase())), tags: ownedTags(spec.tags, owner) };
}

/**
 * `thumbprints`: whether the YAML lists any. When it lists none, IAM keeps the one it fetched
 * from the provider itself, which is not drift: the live shape leaves thumbprints out then.
 */
export function liveProvider(live: LiveOidcProvider, thumbprints = true): OidcProviderResource {
  return { url: live.url, audiences: sorted(live.audiences), thumbprints: thumbprints ? sorted(live.thumbprints.map((t) => t.toLowerCase())) : [], tags: live.tags };
}
