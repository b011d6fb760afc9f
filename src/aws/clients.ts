// One SDK client per (account, service, region), built on the broker's sessions and
// sharing its retry settings, API call counter and connections (aws/http-handler.ts).
// Each client carries its own middleware stack and resolved config (tens of kB): a reader
// releases an account's clients once it is done with it, so a run over thousands of
// accounts holds only the clients of the accounts in flight. Released clients are rebuilt
// on demand. Another caller may still be using a released client (e.g. the managed-policy
// check on the management account), so a client is destroyed only once no request is in
// flight on it.
import { AppConfigClient } from "@aws-sdk/client-appconfig";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { sdkConfig } from "./client-config.js";
import type { SessionBroker } from "./session.js";

/** IAM and Organizations are global services signed for us-east-1. */
const GLOBAL_REGION = "us-east-1";

type Client = IAMClient | OrganizationsClient | AppConfigClient;

interface Entry {
  client: Client;
  /** Commands sent and not yet settled, retries included. */
  inFlight: number;
  /** No longer handed out: destroy as soon as it is idle. */
  released: boolean;
}

export class ClientFactory {
  private readonly clients = new Map<string, Entry>();

  constructor(readonly broker: SessionBroker) {}

  get apiCalls(): Record<string, number> {
    return this.broker.counter.counts;
  }

  async iam(accountId: string): Promise<IAMClient> {
    return this.client(accountId, "iam", GLOBAL_REGION, (config) => new IAMClient(config));
  }

  async organizations(accountId: string): Promise<OrganizationsClient> {
    return this.client(accountId, "organizations", GLOBAL_REGION, (config) => new OrganizationsClient(config));
  }

  async appconfig(accountId: string, region: string): Promise<AppConfigClient> {
    return this.client(accountId, "appconfig", region, (config) => new AppConfigClient(config));
  }

  /**
   * Clients whose calls the SDK sends once, for calls that are not idempotent: a retry must
   * first look for the call's own committed effect (retry/send-once.ts), which the SDK cannot.
   */
  readonly once = {
    appconfig: (accountId: string, region: string): Promise<AppConfigClient> =>
      this.client(accountId, "appconfig", region, (config) => new AppConfigClient(config), true),
    organizations: (accountId: string): Promise<OrganizationsClient> =>
      this.client(accountId, "organizations", GLOBAL_REGION, (config) => new OrganizationsClient(config), true),
  };

  /**
   * Stops handing out the account's clients of these services (every region) and destroys
   * each one now if idle, else when its last request settles; the session stays cached.
   * A holder of an idle client may still send on it: the SDK then opens a new connection.
   */
  release(accountId: string, services: readonly string[]): void {
    for (const service of services) {
      const prefix = `${accountId}/${service}/`;
      for (const [key, entry] of this.clients) {
        if (!key.startsWith(prefix)) continue;
        this.clients.delete(key);
        entry.released = true;
        if (entry.inFlight === 0) entry.client.destroy();
      }
    }
  }

  destroy(): void {
    for (const entry of this.clients.values()) entry.client.destroy();
    this.clients.clear();
    this.broker.destroy();
  }

  /** Resolves the account's session first, so an unreachable account fails here, once. */
  private async client<C extends Client>(
    accountId: string,
    service: string,
    region: string,
    build: (config: ReturnType<typeof sdkConfig>) => C,
    sendOnce = false,
  ): Promise<C> {
    const key = `${accountId}/${service}/${region}${sendOnce ? "/once" : ""}`;
    const existing = this.clients.get(key);
    if (existing) return existing.client as C;
    const session = await this.broker.sessionFor(accountId);
    const again = this.clients.get(key);
    if (again) return again.client as C;
    const settings = sendOnce ? { ...this.broker.settings, maxAttempts: 1 } : this.broker.settings;
    const client = build(sdkConfig(settings, region, session.credentials, this.broker.http));
    const entry: Entry = { client, inFlight: 0, released: false };
    client.middlewareStack.use(this.broker.counter.plugin(service));
    client.middlewareStack.add(
      (next) => async (args) => {
        entry.inFlight++;
        try {
          return await next(args);
        } finally {
          if (--entry.inFlight === 0 && entry.released) client.destroy();
        }
      },
      // Initialize is the outermost step: the count spans every retry of the command.
      { step: "initialize", name: "orgctlInFlightCounter", priority: "high" },
    );
    this.clients.set(key, entry);
    return client;
  }
}
