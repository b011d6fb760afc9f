// What the IAM family reads of an account's OpenID Connect providers.
import type { Tags } from "../../../model/types.js";

export interface LiveOidcProvider {
  arn: string;
  /** host[/path], as GetOpenIDConnectProvider returns it (no scheme). */
  url: string;
  audiences: string[];
  thumbprints: string[];
  tags: Tags;
}

declare module "../../../engine/types.js" {
  interface LiveAccountState {
    /** OpenID Connect providers by URL (host[/path]); read when the desired state declares any. */
    oidcProviders?: Record<string, LiveOidcProvider>;
  }
}
