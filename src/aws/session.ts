// The credential broker: one set of credentials per account for the whole run.
// The caller's own account is used without a hop; every other account is reached by
// STS AssumeRole into its access role. Sessions are cached until shortly before they
// expire, and concurrent requests for one account share a single AssumeRole call.
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { ApiCallCounter } from "./api-calls.js";
import { defaultRegion, sdkConfig, type SdkSettings } from "./client-config.js";
import { describeAwsError } from "./errors.js";
import { SharedHttpHandler } from "./http-handler.js";

/** Chained role sessions (role assumed from a role) last at most one hour. */
const SESSION_SECONDS = 3600;
/** Refresh this long before expiry so no call starts with credentials about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_NAME_CHARS = /[^\w+=,.@-]/g;

export interface SessionBrokerOptions extends SdkSettings {
  /** Role assumed in every account other than the caller's, e.g. OrganizationAccountAccessRole. */
  accessRole: string;
  /** Identifies the run in CloudTrail: becomes RoleSessionName "orgctl-<runId>". */
  runId?: string;
  /** Sent as SourceIdentity only when given: the role's trust policy must allow sts:SetSourceIdentity. */
  sourceIdentity?: string;
  /** Base credentials; the default credential chain (env, profiles, web identity, …) when absent. */
  credentials?: AwsCredentialIdentityProvider;
  counter?: ApiCallCounter;
  /** Clock used for expiry decisions. */
  now?: () => number;
}

/** Raised when an account's access role cannot be assumed; safe to print. */
export class AccountAccessError extends Error {
  constructor(
    public readonly accountId: string,
    public readonly roleArn: string,
    cause: unknown,
  ) {
    super(`cannot assume ${roleArn}: ${describeAwsError(cause)}`);
    this.name = "AccountAccessError";
  }
}

export interface Session {
  accountId: string;
  /** False for the caller's own account (no AssumeRole). */
  assumed: boolean;
  credentials: AwsCredentialIdentityProvider;
}

/** RoleSessionName "orgctl-<runId>" restricted to what STS accepts ([\w+=,.@-]{2,64}). */
export function roleSessionName(runId: string | undefined, now = Date.now()): string {
  const id = runId && runId.trim() ? runId.trim() : new Date(now).toISOString().replace(/[-:.]/g, "").slice(0, 15);
  return `orgctl-${id}`.replace(SESSION_NAME_CHARS, "-").slice(0, 64);
}

export function validateSourceIdentity(value: string): string {
  if (!/^[\w+=,.@-]{2,64}$/.test(value)) {
    throw new Error(`invalid source identity "${value}": 2-64 characters from [A-Za-z0-9_+=,.@-]`);
  }
  return value;
}

export class SessionBroker {
  readonly counter: ApiCallCounter;
  readonly sessionName: string;
  /** Retry, endpoint and region settings every client of this run shares. */
  readonly settings: SdkSettings;
  /** The connections every client of this run (STS and the per-account clients) sends on. */
  readonly http = new SharedHttpHandler();
  private readonly base: AwsCredentialIdentityProvider;
  private readonly sts: STSClient;
  private readonly now: () => number;
  private readonly sourceIdentity: string | undefined;
  private caller?: Promise<{ account: string; arn: string }>;
  private readonly assumed = new Map<string, Promise<AwsCredentialIdentity>>();

  constructor(private readonly options: SessionBrokerOptions) {
    this.settings = options;
    this.counter = options.counter ?? new ApiCallCounter();
    this.now = options.now ?? Date.now;
    this.sessionName = roleSessionName(options.runId, this.now());
    this.sourceIdentity = options.sourceIdentity ? validateSourceIdentity(options.sourceIdentity) : undefined;
    this.base = options.credentials ?? fromNodeProviderChain();
    this.sts = new STSClient(sdkConfig(options, defaultRegion(options), this.base, this.http));
    this.sts.middlewareStack.use(this.counter.plugin("sts"));
  }

  roleArn(accountId: string): string {
    return `arn:aws:iam::${accountId}:role/${this.options.accessRole}`;
  }

  /** Who the base credentials belong to (one GetCallerIdentity per run). */
  callerIdentity(): Promise<{ account: string; arn: string }> {
    this.caller ??= this.sts.send(new GetCallerIdentityCommand({})).then(
      (r) => ({ account: r.Account!, arn: r.Arn! }),
      (err: unknown) => {
        this.caller = undefined;
        throw new Error(callerIdentityProblem(err));
      },
    );
    return this.caller;
  }

  async sessionFor(accountId: string): Promise<Session> {
    const caller = await this.callerIdentity();
    if (caller.account === accountId) return { accountId, assumed: false, credentials: this.base };
    await this.assume(accountId);
    return { accountId, assumed: true, credentials: () => this.assume(accountId) };
  }

  /** Cached credentials for the access role in accountId, refreshed near expiry. */
  private async assume(accountId: string): Promise<AwsCredentialIdentity> {
    const cached = this.assumed.get(accountId);
    if (cached) {
      const creds = await cached;
      if (!creds.expiration || creds.expiration.getTime() - this.now() > REFRESH_MARGIN_MS) return creds;
      if (this.assumed.get(accountId) !== cached) return this.assume(accountId);
    }
    const pending = this.callAssumeRole(accountId);
    this.assumed.set(accountId, pending);
    pending.catch(() => {
      if (this.assumed.get(accountId) === pending) this.assumed.delete(accountId);
    });
    return pending;
  }

  private async callAssumeRole(accountId: string): Promise<AwsCredentialIdentity> {
    const roleArn = this.roleArn(accountId);
    try {
      const out = await this.sts.send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: this.sessionName,
          DurationSeconds: SESSION_SECONDS,
          ...(this.sourceIdentity ? { SourceIdentity: this.sourceIdentity } : {}),
        }),
      );
      const c = out.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("AssumeRole returned no credentials");
      return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
        accountId,
      };
    } catch (err) {
      throw new AccountAccessError(accountId, roleArn, err);
    }
  }

  destroy(): void {
    this.sts.destroy();
    this.http.close();
  }
}

/** What went wrong finding out who we are, said so that the fix is obvious. */
function callerIdentityProblem(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  const network = e.code ?? e.cause?.code;
  if (network === "ECONNREFUSED" || network === "ENOTFOUND" || network === "ECONNRESET" || network === "ETIMEDOUT") {
    const endpoint = process.env.AWS_ENDPOINT_URL_STS ?? process.env.AWS_ENDPOINT_URL;
    return endpoint
      ? `cannot reach AWS STS at ${endpoint} (AWS_ENDPOINT_URL${process.env.AWS_ENDPOINT_URL_STS ? "_STS" : ""}): ${network}; is that endpoint (e.g. orgctl sandbox) running?`
      : `cannot reach AWS STS: ${describeAwsError(err)}`;
  }
  if (e.name === "CredentialsProviderError") {
    return "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (or run in a job with web identity), or start `orgctl sandbox` and use its environment";
  }
  return `cannot identify the caller's AWS credentials: ${describeAwsError(err)}`;
}
