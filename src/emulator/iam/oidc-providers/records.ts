// OpenID Connect providers of one account: the record, seeding without API checks, and the
// ARN IAM derives from the provider's URL (scheme dropped: arn:aws:iam::<id>:oidc-provider/<host/path>).
import type { World } from "../../types.js";
import { iamState, type OidcProviderRecord } from "../state.js";

export type { OidcProviderRecord } from "../state.js";

/** The URL without its scheme, as GetOpenIDConnectProvider returns it and the ARN ends. */
export const providerResource = (url: string) => url.replace(/^https:\/\//i, "").replace(/\/+$/, "");

export const providerArn = (accountId: string, url: string) => `arn:aws:iam::${accountId}:oidc-provider/${providerResource(url)}`;

export interface PutOidcProviderInput {
  url: string;
  clientIds?: string[];
  thumbprints?: string[];
  tags?: { Key: string; Value: string }[];
}

/** Creates a provider without API validation: for CreateOpenIDConnectProvider (after its checks) and seeding. */
export function putOidcProvider(world: World, accountId: string, input: PutOidcProviderInput): OidcProviderRecord {
  const record: OidcProviderRecord = {
    url: input.url,
    arn: providerArn(accountId, input.url),
    createDate: new Date(world.clock.wallNow()),
    clientIds: [...(input.clientIds ?? [])],
    thumbprints: [...(input.thumbprints ?? [])],
    tags: input.tags ?? [],
  };
  iamState(world, accountId).oidcProviders.set(record.arn, record);
  return record;
}
