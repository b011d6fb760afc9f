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

describe("a saved plan read back shares equal values again", () => {
  it("two accounts' creates of one role: one `after`, one patch after parsing the plan file", async () => {
    const { parsePlan, serializePlan } = await import("../src/engine/plan-file.js");
    const { PLAN_FORMAT_VERSION } = await import("../src/engine/types.js");
    const text = serializePlan({
      formatVersion: PLAN_FORMAT_VERSION,
      tool: "orgctl",
      createdAt: "2026-01-01T00:00:00.000Z",
      source: { paths: ["orgctl.yaml"] },
      desiredDigest: "d",
      liveFingerprint: "f",
      accounts: [],
      changes: [create("a"), create("b")],
      conflicts: [],
      errors: [],
      apiCalls: {},
    });
    const [a, b] = parsePlan(text).changes;
    expect(a?.after).toEqual(role());
    expect(a?.after).toBe(b?.after);
    expect(a?.patch).toBe(b?.patch);
    expect(a?.address).toBe("a/iam/role/reader");
    expect(b?.address).toBe("b/iam/role/reader");

    // apply reads the file its own way (a YAML path is not a plan): the same sharing.
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-plan-")), "plan.json");
    writeFileSync(file, text);
    const { readPlanFile } = await import("../src/apply/source.js");
    const [c, d] = (await readPlanFile(file))?.changes ?? [];
    expect(c?.after).toEqual(role());
    expect(c?.after).toBe(d?.after);
    expect(c?.patch).toBe(d?.patch);
  });
});
