// OpenID Connect provider operations, each converging the provider to the change's `after`.
// CreateOpenIDConnectProvider fails on an existing URL, so a lost answer cannot duplicate a
// provider: the repeat meets EntityAlreadyExists, and the earlier effect is the provider
// itself, converged if ours. Audiences are added before others are removed.
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { hasCode } from "../../../aws/retry/transient.js";
import type { ResourceKind } from "../../../engine/kind.js";
import type { ApplyContext } from "../../../engine/operation.js";
import type { ChangeOf } from "../../../engine/types.js";
import { describeOwnership, mayDelete, mayUpdate, ownershipOf } from "../../../model/ownership.js";
import type { Tags } from "../../../model/types.js";
import type { OidcProviderResource } from "./resource.js";
import { tagList } from "../calls.js";

type Change = ChangeOf<"oidc-provider">;

interface Target {
  iam: IAMClient;
  arn: string;
}

async function targetOf(change: Change, ctx: ApplyContext): Promise<Target> {
  if (change.accountId === undefined) throw new Error(`account ${change.account} has no id`);
  return { iam: await ctx.clients.iam(change.accountId), arn: `arn:aws:iam::${change.accountId}:oidc-provider/${change.name}` };
}

function wanted(change: Change): OidcProviderResource {
  if (change.after === null) throw new Error(`${change.address}: the change has no desired provider`);
  return change.after;
}

export const oidcProviderOperations: ResourceKind<"oidc-provider">["operations"] = {
  create: {
    idempotent: false,
    run: async (change, ctx) => createProvider(await targetOf(change, ctx), wanted(change), ctx.owner),
    findEarlierEffect: async (change, ctx) => {
      const target = await targetOf(change, ctx);
      const current = await readProvider(target);
      if (!current) return undefined;
      await converge(target, current, wanted(change), false, ctx.owner);
      return {};
    },
  },
  update: { idempotent: true, run: async (change, ctx) => convergeProvider(await targetOf(change, ctx), wanted(change), false, ctx.owner) },
  adopt: { idempotent: true, run: async (change, ctx) => convergeProvider(await targetOf(change, ctx), wanted(change), true, ctx.owner) },
  delete: {
    idempotent: true,
    run: async (change, ctx) => {
      const target = await targetOf(change, ctx);
      const current = await readProvider(target);
      if (!current) return;
      if (!mayDelete(current.tags, ctx.owner)) throw new Error(`OIDC provider ${change.name} is ${describeOwnership(ownershipOf(current.tags, ctx.owner))}: refusing to delete it`);
      await target.iam.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: target.arn }));
    },
  },
};

async function createProvider(target: Target, provider: OidcProviderResource, owner: string): Promise<void> {
  try {
    await target.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: `https://${provider.url}`,
        ClientIDList: provider.audiences,
        ...(provider.thumbprints.length > 0 ? { ThumbprintList: provider.thumbprints } : {}),
        Tags: tagList(provider.tags),
      }),
    );
  } catch (err) {
    if (!hasCode(err, "EntityAlreadyExists")) throw err;
    const current = await readProvider(target);
    if (!current) throw err;
    await converge(target, current, provider, false, owner);
  }
}

async function convergeProvider(target: Target, provider: OidcProviderResource, adopting: boolean, owner: string): Promise<void> {
  const current = await readProvider(target);
  if (!current) return createProvider(target, provider, owner);
  return converge(target, current, provider, adopting, owner);
}

async function converge(target: Target, current: OidcProviderResource, provider: OidcProviderResource, adopting: boolean, owner: string): Promise<void> {
  const { iam, arn } = target;
  if (!mayUpdate(current.tags, owner, adopting)) {
    throw new Error(`OIDC provider ${provider.url} exists and is ${describeOwnership(ownershipOf(current.tags, owner))}: refusing to change it`);
  }
  for (const ClientID of provider.audiences.filter((a) => !current.audiences.includes(a))) {
    await iam.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID }));
  }
  if (provider.thumbprints.length > 0 && provider.thumbprints.join() !== current.thumbprints.join()) {
    await iam.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: provider.thumbprints }));
  }
  const changed = Object.entries(provider.tags).filter(([k, v]) => current.tags[k] !== v);
  if (changed.length > 0) await iam.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: tagList(Object.fromEntries(changed)) }));
  for (const ClientID of current.audiences.filter((a) => !provider.audiences.includes(a))) {
    await iam.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID }));
  }
  const removed = Object.keys(current.tags).filter((k) => !(k in provider.tags));
  if (removed.length > 0) await iam.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: removed }));
}

async function readProvider(target: Target): Promise<OidcProviderResource | undefined> {
  try {
    const p = await target.iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: target.arn }));
    const tags: Tags = {};
    for (const t of p.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
    return {
      url: target.arn.slice(target.arn.indexOf(":oidc-provider/") + ":oidc-provider/".length),
      audiences: [...(p.ClientIDList ?? [])].sort(),
      thumbprints: [...(p.ThumbprintList ?? [])].map((t) => t.toLowerCase()).sort(),
      tags,
    };
  } catch (err) {
    if (hasCode(err, "NoSuchEntity")) return undefined;
    throw err;
  }
}
