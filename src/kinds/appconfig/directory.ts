// AppConfig names → ids for one account and region, cached for the run. Plans carry
// names only (ids of resources created in the same run are not known when planning).
// A name used twice is a NameConflictError, never a pick.
import {
  paginateListApplications,
  paginateListConfigurationProfiles,
  paginateListEnvironments,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import { onlyOne } from "./name-conflict.js";

export class AppConfigDirectory {
  private readonly ids = new Map<string, string>();
  /** Application id → name, for messages about what is inside it. */
  private readonly appNames = new Map<string, string>();

  constructor(
    readonly client: AppConfigClient,
    /** "account 222222222222, eu-west-1", for conflict messages. */
    readonly where: string,
  ) {}

  async application(name: string): Promise<string | undefined> {
    const id = await this.cached(`app/${name}`, async () => onlyOne("application", name, this.where, await this.applicationsNamed(name)));
    if (id) this.appNames.set(id, name);
    return id;
  }

  async requireApplication(name: string): Promise<string> {
    const id = await this.application(name);
    if (!id) throw new Error(`AppConfig application ${name} does not exist`);
    return id;
  }

  async environment(appId: string, name: string): Promise<string | undefined> {
    return this.cached(`env/${appId}/${name}`, async () =>
      onlyOne("environment", name, this.inside(appId), await this.environmentsNamed(appId, name)),
    );
  }

  async profile(appId: string, name: string): Promise<string | undefined> {
    return this.cached(`profile/${appId}/${name}`, async () =>
      onlyOne("configuration profile", name, this.inside(appId), await this.profilesNamed(appId, name)),
    );
  }

  /** Every application called `name` (uncached: used to find a create's own effect). */
  async applicationsNamed(name: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateListApplications({ client: this.client }, {})) {
      for (const a of page.Items ?? []) if (a.Name === name) ids.push(a.Id!);
    }
    return ids;
  }

  async environmentsNamed(appId: string, name: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateListEnvironments({ client: this.client }, { ApplicationId: appId })) {
      for (const e of page.Items ?? []) if (e.Name === name) ids.push(e.Id!);
    }
    return ids;
  }

  async profilesNamed(appId: string, name: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const page of paginateListConfigurationProfiles({ client: this.client }, { ApplicationId: appId })) {
      for (const p of page.Items ?? []) if (p.Name === name) ids.push(p.Id!);
    }
    return ids;
  }

  private inside(appId: string): string {
    return `application ${this.appNames.get(appId) ?? appId}, ${this.where}`;
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
