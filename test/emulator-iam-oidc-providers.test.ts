// OpenID Connect providers in the emulator (GitHub Actions' token.actions.githubusercontent.com
// is what CI in each account needs). Shapes from botocore's iam 2010-05-08 model; the ARN is
// the URL without its scheme; deleting a missing provider is no error (API reference).
import { describe, expect, it } from "vitest";
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
  CreateRoleCommand,
} from "@aws-sdk/client-iam";
import { startEmulator } from "../src/emulator/index.js";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const MGMT = "111111111111";
const GITHUB = "https://token.actions.githubusercontent.com";
const GITHUB_ARN = `arn:aws:iam::${MGMT}:oidc-provider/token.actions.githubusercontent.com`;
const THUMB = "6938fd4d98bab03faadb97b34396831e3780aea1";

const awsError = async (p: Promise<unknown>) => p.then(() => { throw new Error("expected an AWS error"); }, (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e);

describe("IAM OpenID Connect providers", () => {
  const emu = withEmulator();
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });

  it("creates GitHub's provider with its audience, reads it back without the scheme, and refuses a second one", async () => {
    const created = await iam().send(new CreateOpenIDConnectProviderCommand({ Url: GITHUB, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [THUMB], Tags: [{ Key: "owner", Value: "ci" }] }));
    expect(created.OpenIDConnectProviderArn).toBe(GITHUB_ARN);
    expect(created.Tags).toEqual([{ Key: "owner", Value: "ci" }]);
    const got = await iam().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }));
    expect(got).toMatchObject({ Url: "token.actions.githubusercontent.com", ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [THUMB], Tags: [{ Key: "owner", Value: "ci" }] });
    expect(got.CreateDate).toBeInstanceOf(Date);
    expect((await iam().send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList).toEqual([{ Arn: GITHUB_ARN }]);
    expect(await awsError(iam().send(new CreateOpenIDConnectProviderCommand({ Url: GITHUB })))).toMatchObject({
      name: "EntityAlreadyExistsException", message: `Provider with url ${GITHUB} already exists.`, $metadata: { httpStatusCode: 409 },
    });
  });

  it("refuses URLs that are not https and thumbprints that are not 40 characters or more than 5", async () => {
    expect(await awsError(iam().send(new CreateOpenIDConnectProviderCommand({ Url: "http://idp.example.com" })))).toMatchObject({
      name: "InvalidInputException", message: "Invalid Open ID Connect Provider URL. The URL must begin with https://.",
    });
    expect(await awsError(iam().send(new CreateOpenIDConnectProviderCommand({ Url: "idp.example.com" })))).toMatchObject({
      name: "ValidationError", message: "Invalid Open ID Connect Provider URL",
    });
    expect(await awsError(iam().send(new CreateOpenIDConnectProviderCommand({ Url: "https://idp.example.com", ThumbprintList: ["abc"] })))).toMatchObject({ name: "ValidationError" });
    expect(await awsError(iam().send(new CreateOpenIDConnectProviderCommand({ Url: "https://idp.example.com", ThumbprintList: Array(6).fill(THUMB) })))).toMatchObject({
      name: "InvalidInputException", message: "Thumbprint list must contain fewer than 5 entries.",
    });
  });

  it("adds and removes audiences idempotently, replaces thumbprints, tags, and deletes (a missing one too)", async () => {
    const arn = (await iam().send(new CreateOpenIDConnectProviderCommand({ Url: "https://idp.example.com/realms/main", ClientIDList: ["a"] }))).OpenIDConnectProviderArn!;
    expect(arn).toBe(`arn:aws:iam::${MGMT}:oidc-provider/idp.example.com/realms/main`);
    await iam().send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "b" }));
    await iam().send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "b" }));
    await iam().send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "a" }));
    await iam().send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "never" }));
    await iam().send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: [THUMB.toUpperCase()] }));
    await iam().send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }] }));
    await iam().send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ["A"] }));
    expect((await iam().send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags).toEqual([{ Key: "b", Value: "2" }]);
    expect(await iam().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }))).toMatchObject({ ClientIDList: ["b"], ThumbprintList: [THUMB.toUpperCase()] });

    await iam().send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await iam().send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    expect(await awsError(iam().send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })))).toMatchObject({
      name: "NoSuchEntityException", message: `OpenIDConnect Provider not found for arn ${arn}`, $metadata: { httpStatusCode: 404 },
    });
    expect(await awsError(iam().send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: "x" })))).toMatchObject({ name: "NoSuchEntityException" });
  });
});

describe("OpenID Connect providers as trust principals", () => {
  const emu = withEmulator();
  const iam = () => clientFor(emu(), "iam", { maxAttempts: 1 });
  const trust = (federated: string) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Federated: federated }, Action: "sts:AssumeRoleWithWebIdentity" }] });

  it("a role trusting a provider that does not exist is refused, as IAM refuses it; once the provider exists it is created", async () => {
    const refused = await awsError(iam().send(new CreateRoleCommand({ RoleName: "ci", AssumeRolePolicyDocument: trust(GITHUB_ARN) })));
    expect(refused).toMatchObject({ name: "MalformedPolicyDocumentException", message: "Federated principals must be valid domain names or SAML metadata ARNs", $metadata: { httpStatusCode: 400 } });
    await iam().send(new CreateOpenIDConnectProviderCommand({ Url: GITHUB, ClientIDList: ["sts.amazonaws.com"] }));
    expect((await iam().send(new CreateRoleCommand({ RoleName: "ci", AssumeRolePolicyDocument: trust(GITHUB_ARN) }))).Role!.RoleName).toBe("ci");
    // Built-in identity providers are named by domain.
    await iam().send(new CreateRoleCommand({ RoleName: "cognito", AssumeRolePolicyDocument: trust("cognito-identity.amazonaws.com") }));
    expect(await awsError(iam().send(new CreateRoleCommand({ RoleName: "bad", AssumeRolePolicyDocument: trust("not a domain") })))).toMatchObject({ name: "MalformedPolicyDocumentException" });
  });
});

describe("OpenID Connect providers in snapshots", () => {
  it("are seeded and dumped back", async () => {
    const seed = { Url: GITHUB, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: [THUMB] };
    const handle = await startEmulator({ snapshot: { formatVersion: 1 as const, iam: { accounts: { [MGMT]: { oidcProviders: [seed] } } } } });
    try {
      const got = await clientFor(handle, "iam", { maxAttempts: 1 }).send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: GITHUB_ARN }));
      expect(got.ClientIDList).toEqual(["sts.amazonaws.com"]);
      const dumped = handle.snapshot().iam as { accounts: Record<string, { oidcProviders?: unknown }> };
      expect(dumped.accounts[MGMT]!.oidcProviders).toEqual([seed]);
    } finally {
      await handle.stop();
    }
  });
});
