// OpenID Connect provider operations: Create, Get, List, Delete (idempotent, as the API
// reference says), client ids (audiences) added and removed, thumbprints replaced, and tags.
import { AwsError } from "../../types.js";
import { el, memberList, members, required, xmlEscape } from "../../protocol/query.js";
import { compareKeys, type IamCall, type IamHandler } from "../call.js";
import { Constraints } from "../constraints.js";
import { entityExists, invalidInput, limitExceeded } from "../errors.js";
import { paginate } from "../pagination.js";
import { mergeTags, readTagKeys, readTags, removeTags } from "../tags.js";
import { isoDate, tagsXml } from "../xml.js";
import { providerArn, providerResource, putOidcProvider, type OidcProviderRecord } from "./records.js";

const PROVIDERS_QUOTA = 100;
const CLIENT_IDS_QUOTA = 100;
const THUMBPRINTS_QUOTA = 5;

const noSuchProvider = (arn: string) => new AwsError("NoSuchEntity", `OpenIDConnect Provider not found for arn ${arn}`, 404);

function readArn(call: IamCall): string {
  const arn = required(call.params, "OpenIDConnectProviderArn");
  new Constraints().length("openIDConnectProviderArn", arn, 20, 2048).check();
  return arn;
}

function requireProvider(call: IamCall): OidcProviderRecord {
  const arn = readArn(call);
  const provider = call.state.oidcProviders.get(arn);
  if (!provider) throw noSuchProvider(arn);
  return provider;
}

/** thumbprintListType: each exactly 40 characters, at most 5. */
function readThumbprints(params: URLSearchParams): string[] {
  const thumbprints = memberList(params, "ThumbprintList");
  const c = new Constraints();
  thumbprints.forEach((t, i) => c.length(`thumbprintList.${i + 1}.member`, t, 40, 40));
  c.check();
  if (thumbprints.length > THUMBPRINTS_QUOTA) throw invalidInput("Thumbprint list must contain fewer than 5 entries.");
  return thumbprints;
}

function checkUrl(url: string): void {
  new Constraints().length("url", url, 1, 255).check();
  if (/^http:\/\//i.test(url)) throw invalidInput("Invalid Open ID Connect Provider URL. The URL must begin with https://.");
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== "https:" || parsed.host === "" || parsed.search !== "" || parsed.username !== "")
    throw new AwsError("ValidationError", "Invalid Open ID Connect Provider URL", 400);
}

const createProvider: IamHandler = (call) => {
  const { params, world, accountId, state } = call;
  const url = required(params, "Url");
  checkUrl(url);
  const clientIds = memberList(params, "ClientIDList");
  const c = new Constraints();
  clientIds.forEach((id, i) => c.length(`clientIDList.${i + 1}.member`, id, 1, 255));
  c.check();
  const thumbprints = readThumbprints(params);
  const tags = readTags(params);
  if (clientIds.length > CLIENT_IDS_QUOTA) throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_QUOTA}`);
  if (state.oidcProviders.has(providerArn(accountId, url))) throw entityExists(`Provider with url ${url} already exists.`);
  if (state.oidcProviders.size >= PROVIDERS_QUOTA) throw limitExceeded(`Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${PROVIDERS_QUOTA}`);
  const provider = putOidcProvider(world, accountId, { url, clientIds: [...new Set(clientIds)], thumbprints, tags });
  return el("OpenIDConnectProviderArn", provider.arn) + (tags.length > 0 ? tagsXml(tags) : "");
};

const getProvider: IamHandler = (call) => {
  const p = requireProvider(call);
  return (
    el("Url", providerResource(p.url)) +
    members("ClientIDList", p.clientIds, xmlEscape) +
    members("ThumbprintList", p.thumbprints, xmlEscape) +
    el("CreateDate", isoDate(p.createDate)) +
    tagsXml(p.tags)
  );
};

const listProviders: IamHandler = (call) => {
  const arns = [...call.state.oidcProviders.keys()].sort(compareKeys);
  return members("OpenIDConnectProviderList", arns, (arn) => el("Arn", arn));
};

const deleteProvider: IamHandler = (call) => {
  call.state.oidcProviders.delete(readArn(call));
  return null;
};

const addClientId: IamHandler = (call) => {
  const clientId = required(call.params, "ClientID");
  new Constraints().length("clientID", clientId, 1, 255).check();
  const p = requireProvider(call);
  if (p.clientIds.includes(clientId)) return null;
  if (p.clientIds.length >= CLIENT_IDS_QUOTA) throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${CLIENT_IDS_QUOTA}`);
  p.clientIds.push(clientId);
  return null;
};

/** Removing a client id the provider does not have is no error (the API reference calls it idempotent). */
const removeClientId: IamHandler = (call) => {
  const clientId = required(call.params, "ClientID");
  new Constraints().length("clientID", clientId, 1, 255).check();
  const p = requireProvider(call);
  p.clientIds = p.clientIds.filter((id) => id !== clientId);
  return null;
};

const updateThumbprints: IamHandler = (call) => {
  if (!call.params.has("ThumbprintList.member.1") && !call.params.has("ThumbprintList"))
    required(call.params, "ThumbprintList");
  const thumbprints = readThumbprints(call.params);
  requireProvider(call).thumbprints = thumbprints;
  return null;
};

const tagProvider: IamHandler = (call) => {
  const p = requireProvider(call);
  p.tags = mergeTags(p.tags, readTags(call.params), "OpenIdConnectProvider");
  return null;
};

const untagProvider: IamHandler = (call) => {
  const p = requireProvider(call);
  p.tags = removeTags(p.tags, readTagKeys(call.params));
  return null;
};

const listProviderTags: IamHandler = (call) => {
  const p = requireProvider(call);
  const indexed = p.tags.map((t, i) => ({ t, key: String(i).padStart(4, "0") }));
  const page = paginate(indexed, (x) => x.key, call.params);
  return tagsXml(page.items.map((x) => x.t)) + page.xml;
};

export const oidcProviderOperations = {
  CreateOpenIDConnectProvider: createProvider,
  GetOpenIDConnectProvider: getProvider,
  ListOpenIDConnectProviders: listProviders,
  DeleteOpenIDConnectProvider: deleteProvider,
  AddClientIDToOpenIDConnectProvider: addClientId,
  RemoveClientIDFromOpenIDConnectProvider: removeClientId,
  UpdateOpenIDConnectProviderThumbprint: updateThumbprints,
  TagOpenIDConnectProvider: tagProvider,
  UntagOpenIDConnectProvider: untagProvider,
  ListOpenIDConnectProviderTags: listProviderTags,
} satisfies Record<string, IamHandler>;
