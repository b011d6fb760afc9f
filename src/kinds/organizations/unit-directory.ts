// Unit path → id for Organizations operations, cached for the run: Organizations
// throttles hard, and every account move and child unit needs its parent's id.
import {
  ListRootsCommand,
  paginateListOrganizationalUnitsForParent,
  type OrganizationsClient,
} from "@aws-sdk/client-organizations";

export class UnitDirectory {
  private root?: Promise<string>;
  private readonly ids = new Map<string, Promise<string | undefined>>();

  constructor(private readonly client: OrganizationsClient) {}

  rootId(): Promise<string> {
    this.root ??= this.client.send(new ListRootsCommand({})).then((r) => {
      const id = r.Roots?.[0]?.Id;
      if (!id) throw new Error("the organization has no root");
      return id;
    });
    return this.root;
  }

  /** Id of the parent a unit or account at `path` (null = root) lives in; undefined if missing. */
  async idOf(path: string | null): Promise<string | undefined> {
    if (path === null) return this.rootId();
    let found = this.ids.get(path);
    if (!found) {
      found = this.lookUp(path);
      this.ids.set(path, found);
      // A miss is not cached: the unit may be created later in the run.
      found.then((id) => id === undefined && this.ids.delete(path), () => this.ids.delete(path));
    }
    return found;
  }

  async require(path: string | null): Promise<string> {
    const id = await this.idOf(path);
    if (id === undefined) throw new Error(`organizational unit ${path} does not exist`);
    return id;
  }

  remember(path: string, id: string): void {
    this.ids.set(path, Promise.resolve(id));
  }

  private async lookUp(path: string): Promise<string | undefined> {
    const cut = path.lastIndexOf("/");
    const parentId = await this.idOf(cut < 0 ? null : path.slice(0, cut));
    if (parentId === undefined) return undefined;
    const name = path.slice(cut + 1);
    for await (const page of paginateListOrganizationalUnitsForParent({ client: this.client }, { ParentId: parentId })) {
      const unit = page.OrganizationalUnits?.find((u) => u.Name === name);
      if (unit?.Id) return unit.Id;
    }
    return undefined;
  }
}
