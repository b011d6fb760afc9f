// AppConfig names → ids for one account and region, cached for the run. Plans carry
// names only (ids of resources created in the same run are not known when planning).
import {
  paginateListApplications,
  paginateListConfigurationProfiles,
  paginateListEnvironments,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";

export class AppConfigDirectory {
  private readonly ids = new Map<string, string>();

  constructor(readonly client: AppConfigClient) {}

  async application(name: string): Promise<string | undefined> {
    return this.cached(`app/${name}`, async () => {
      for await (const page of paginateListApplications({ client: this.client }, {})) {
        const found = page.Items?.find((a) => a.Name === name);
        if (found) return found.Id;
      }
      return undefined;
    });
  }

  async requireApplication(name: string): Promise<string> {
    const id = await this.application(name);
    if (!id) throw new Error(`AppConfig application ${name} does not exist`);
    return id;
  }

  async environment(appId: string, name: string): Promise<string | undefined> {
    return this.cached(`env/${appId}/${name}`, async () => {
      for await (const page of paginateListEnvironments({ client: this.client }, { ApplicationId: appId })) {
        const found = page.Items?.find((e) => e.Name === name);
        if (found) return found.Id;
      }
      return undefined;
    });
  }

  async profile(appId: string, name: string): Promise<string | undefined> {
    return this.cached(`profile/${appId}/${name}`, async () => {
      for await (const page of paginateListConfigurationProfiles({ client: this.client }, { ApplicationId: appId })) {
        const found = page.Items?.find((p) => p.Name === name);
        if (found) return found.Id;
      }
      return undefined;
    });
  }

  remember(kind: "app" | "env" | "profile", key: string, id: string): void {
    this.ids.set(`${kind}/${key}`, id);
  }

  forget(kind: "app" | "env" | "profile", key: string): void {
    this.ids.delete(`${kind}/${key}`);
  }

  /** Hits are cached; misses are not (the resource may be created later in the run). */
  private async cached(key: string, look: () => Promise<string | undefined>): Promise<string | undefined> {
    const hit = this.ids.get(key);
    if (hit) return hit;
    const id = await look();
    if (id) this.ids.set(key, id);
    return id;
  }
}
