// One SDK client per (account, service, region), built on the broker's sessions and
// sharing its retry settings and API call counter. Each client carries its own
// middleware stack, HTTP agent and resolved config (tens of kB): a reader releases an
// account's clients once it is done with it, so a run over thousands of accounts holds
// only the clients of the accounts in flight. Released clients are rebuilt on demand.
import { AppConfigClient } from "@aws-sdk/client-appconfig";
import { IAMClient } from "@aws-sdk/client-iam";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { sdkConfig } from "./client-config.js";
import type { SessionBroker } from "./session.js";

/** IAM and Organizations are global services signed for us-east-1. */
const GLOBAL_REGION = "us-east-1";

type Client = IAMClient | OrganizationsClient | AppConfigClient;

export class ClientFactory {
  private readonly clients = new Map<string, Client>();

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

  /** Destroys the account's clients of these services (every region); the session stays cached. */
  release(accountId: string, services: readonly string[]): void {
    for (const service of services) {
      const prefix = `${accountId}/${service}/`;
      for (const [key, client] of this.clients) {
        if (!key.startsWith(prefix)) continue;
        client.destroy();
        this.clients.delete(key);
      }
    }
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
    this.broker.destroy();
  }

  /** Resolves the account's session first, so an unreachable account fails here, once. */
  private async client<C extends Client>(
    accountId: string,
    service: string,
    region: string,
    build: (config: ReturnType<typeof sdkConfig>) => C,
  ): Promise<C> {
    const key = `${accountId}/${service}/${region}`;
    const existing = this.clients.get(key);
    if (existing) return existing as C;
    const session = await this.broker.sessionFor(accountId);
    const again = this.clients.get(key);
    if (again) return again as C;
    const client = build(sdkConfig(this.broker.settings, region, session.credentials));
    client.middlewareStack.use(this.broker.counter.plugin(service));
    this.clients.set(key, client);
    return client;
  }
}
