// A role created in thousands of accounts must not cost thousands of copies: changes with
// equal values share them, and a patch refers to its change's values instead of copying.
import { describe, expect, it } from "vitest";
import { makeChange } from "../src/engine/change.js";
import type { RoleResource } from "../src/kinds/iam/role/resource.js";

const role = (): RoleResource => ({
  name: "reader",
  path: "/",
  description: "",
  assumeRolePolicy: { Version: "2012-10-17", Statement: [] },
  inlinePolicies: {},
  managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
  maxSessionDuration: 3600,
  tags: { "orgctl:managed": "true" },
});
const create = (account: string) => makeChange({ action: "create", account, accountId: undefined, service: "iam", type: "role", name: "reader", before: null, after: role() });

describe("changes share equal values", () => {
  it("the same role created in two accounts: one `after` object, one patch, patch values are the after's own", () => {
    const [a, b] = [create("a"), create("b")];
    expect(a.after).toBe(b.after);
    expect(a.patch).toBe(b.patch);
    const tags = a.patch.find((op) => op.path === "/tags");
    expect(tags).toEqual({ op: "add", path: "/tags", value: { "orgctl:managed": "true" } });
    expect(tags && "value" in tags ? tags.value : undefined).toBe(a.after?.tags);
    expect(a.address).toBe("a/iam/role/reader");
    expect(b.address).toBe("b/iam/role/reader");
  });

  it("an update's patch holds the new values and nothing of the old", () => {
    const before = { ...role(), tags: { "orgctl:managed": "true", team: "x" } };
    const change = makeChange({ action: "update", account: "a", accountId: undefined, service: "iam", type: "role", name: "reader", before, after: role() });
    expect(change.patch).toEqual([{ op: "remove", path: "/tags/team" }]);
    const other = makeChange({ action: "update", account: "a", accountId: undefined, service: "iam", type: "role", name: "reader", before: role(), after: before });
    expect(other.patch).toEqual([{ op: "add", path: "/tags/team", value: "x" }]);
    expect(other.before).not.toBe(other.after);
  });
});
