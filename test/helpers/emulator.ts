// Test helpers: start an emulator per test file, build real SDK clients against it, and
// the environment for spawning the CLI. Everything signs as the emulator's default
// principal, the IAM user sandbox-admin in the management account (never root: AWS
// refuses AssumeRole to root, and so does the emulator).
import { afterAll, beforeAll } from "vitest";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { AppConfigClient } from "@aws-sdk/client-appconfig";
import { AppConfigDataClient } from "@aws-sdk/client-appconfigdata";
import { startEmulator, type EmulatorHandle, type Snapshot, type StartOptions } from "../../src/emulator/index.js";
import type { IamSnapshot } from "../../src/emulator/iam/snapshot.js";
import { ClientFactory } from "../../src/aws/clients.js";
import { SessionBroker } from "../../src/aws/session.js";

export type { EmulatorHandle, StartOptions };

export interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ClientOptions {
  /** Credentials to sign with; the sandbox-admin user's key (the handle's) when omitted. */
  credentials?: Keys;
  region?: string;
  /** SDK attempts including the first (SDK default 3). */
  maxAttempts?: number;
}

const CLIENTS = { iam: IAMClient, sts: STSClient, organizations: OrganizationsClient, appconfig: AppConfigClient, appconfigdata: AppConfigDataClient };
type ClientKind = keyof typeof CLIENTS;

export function clientFor<K extends ClientKind>(handle: EmulatorHandle, kind: K, opts: ClientOptions = {}): InstanceType<(typeof CLIENTS)[K]> {
  const Client = CLIENTS[kind] as new (config: object) => InstanceType<(typeof CLIENTS)[K]>;
  return new Client({
    endpoint: handle.url,
    region: opts.region ?? "us-east-1",
    credentials: opts.credentials ?? { accessKeyId: handle.credentials.accessKeyId, secretAccessKey: handle.credentials.secretAccessKey },
    maxAttempts: opts.maxAttempts ?? 3,
  });
}

export interface ClientFactoryOptions {
  /** Role assumed in member accounts (default OrganizationAccountAccessRole). */
  accessRole?: string;
  /** SDK attempts including the first (orgctl's default when omitted). */
  maxAttempts?: number;
}

/** orgctl's own client factory, signing as sandbox-admin and assuming into members. */
export function clientFactoryFor(handle: EmulatorHandle, opts: ClientFactoryOptions = {}): ClientFactory {
  const { accessKeyId, secretAccessKey } = handle.credentials;
  return new ClientFactory(
    new SessionBroker({
      accessRole: opts.accessRole ?? "OrganizationAccountAccessRole",
      endpoint: handle.url,
      region: "us-east-1",
      maxAttempts: opts.maxAttempts,
      credentials: async () => ({ accessKeyId, secretAccessKey }),
    }),
  );
}

/** Environment for spawning the CLI (or any SDK program) against the emulator. */
export function envFor(handle: EmulatorHandle, keys: Keys = handle.credentials): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: handle.url,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/**
 * The snapshot with these keys as the keys of an IAM user `admin` (AdministratorAccess) in
 * each key's account, first key first: tests that need several accounts' own keys still
 * never sign as root.
 */
export function adminUsers(keys: { accessKeyId: string; secretAccessKey: string; accountId: string }[], base: Snapshot = { formatVersion: 1 }): Snapshot {
  const iam: IamSnapshot = structuredClone((base.iam as IamSnapshot | undefined) ?? { accounts: {} });
  for (const key of keys) {
    const users = ((iam.accounts[key.accountId] ??= {}).users ??= []);
    if (!users.some((u) => u.UserName === "admin")) users.push({ UserName: "admin", ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
  }
  return { ...base, credentials: keys.map((k) => ({ ...k, userName: "admin" })), iam };
}

/**
 * Starts one emulator for the enclosing describe/file and stops it afterwards.
 * Returns a getter: the handle exists only once beforeAll has run.
 */
export function withEmulator(opts: StartOptions = {}): () => EmulatorHandle {
  let handle: EmulatorHandle | undefined;
  beforeAll(async () => {
    handle = await startEmulator(opts);
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return () => {
    if (!handle) throw new Error("emulator not started: call the getter inside a test or hook");
    return handle;
  };
}
