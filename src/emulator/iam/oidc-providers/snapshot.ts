// The OpenID Connect providers of one account in `Snapshot.iam`.
import type { World } from "../../types.js";
import type { OidcProviderSeed } from "../snapshot-shape.js";
import type { IamState } from "../state.js";
import { putOidcProvider } from "./records.js";

export function seedOidcProviders(world: World, accountId: string, seeds: OidcProviderSeed[]): void {
  for (const s of seeds) putOidcProvider(world, accountId, { url: s.Url, clientIds: s.ClientIDList, thumbprints: s.ThumbprintList, tags: s.Tags });
}

export function dumpOidcProviders(state: IamState): OidcProviderSeed[] {
  return [...state.oidcProviders.values()]
    .sort((a, b) => (a.arn < b.arn ? -1 : 1))
    .map((p) => ({
      Url: p.url,
      ...(p.clientIds.length > 0 && { ClientIDList: [...p.clientIds] }),
      ...(p.thumbprints.length > 0 && { ThumbprintList: [...p.thumbprints] }),
      ...(p.tags.length > 0 && { Tags: p.tags }),
    }));
}
