// The canonical shape of an OpenID Connect provider in a change's before/after, and its
// entry in the engine's ResourceByType.
import type { Tags } from "../../../model/types.js";

/**
 * OpenID Connect identity provider (target account, service "iam", type "oidc-provider").
 * Named by its URL without the scheme (token.actions.githubusercontent.com), as its ARN ends.
 * IAM cannot change a provider's URL: another URL is another provider.
 */
export interface OidcProviderResource {
  /** host[/path]. */
  url: string;
  /** Client ids (audiences), sorted. */
  audiences: string[];
  /** Certificate thumbprints, lower-case, sorted. */
  thumbprints: string[];
  tags: Tags;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    "oidc-provider": OidcProviderResource;
  }
}
