import { describe, expect, it } from "vitest";
import { clientFactoryFor, withEmulator } from "./helpers/emulator.js";
import { account, desiredState, role } from "./helpers/readers-desired.js";
import { readLiveState } from "../src/engine/read-live.js";
import type { Snapshot } from "../src/emulator/index.js";
import { KINDS } from "../src/kinds/registry.js";

const MGMT = "111111111111";
const BY_ID = "222222222222";
const BY_EMAIL = "333333333333";

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    accounts: [
      { id: BY_ID, name: "by-id", email: "by-id@example.com", tags: { env: "dev" } },
      { id: BY_EMAIL, name: "by-email", email: "by-email@example.com", tags: { env: "prod" } },
    ],
  },
};

const emulator = withEmulator({ snapshot });

describe("reading the organization alongside the accounts", () => {
  it("reads accounts with an id at once, and accounts found by email after the listing, not after the tags", async () => {
    const e = emulator();
    // Slow tag reads make the phases visible in the order calls complete.
    e.setFaults({ rules: [{ service: "organizations", operation: "ListTagsForResource", rate: 1, kind: "latency", ms: 300 }] });
    const clients = clientFactoryFor(e);
    const desired = desiredState({
      managementAccount: MGMT,
      accounts: [account("by-id", { id: BY_ID, email: "by-id@example.com" }), account("by-email", { email: "BY-EMAIL@example.com" })],
      roles: [role("administrator", ["by-id", "by-email"])],
    });
    const start = e.world.calls.length;
    try {
      const live = await readLiveState(desired, { kinds: KINDS, clients });
      expect(live.errors).toEqual([]);
      expect(Object.keys(live.accounts).sort()).toEqual(["by-email", "by-id"]);
      expect(live.accounts["by-email"]!.accountId).toBe(BY_EMAIL);
      expect(live.organization!.accounts.find((a) => a.id === BY_EMAIL)!.tags).toEqual({ env: "prod" });
    } finally {
      e.setFaults({});
      clients.destroy();
    }

    const calls = e.world.calls.slice(start);
    const first = (match: (c: (typeof calls)[number]) => boolean) => calls.findIndex(match);
    const last = (match: (c: (typeof calls)[number]) => boolean) => calls.findLastIndex(match);
    const tags = (c: (typeof calls)[number]) => c.operation === "ListTagsForResource";
    const listing = (c: (typeof calls)[number]) => c.operation === "ListAccountsForParent";
    const iamOf = (id: string) => (c: (typeof calls)[number]) => c.service === "iam" && c.accountId === id;

    expect(last(iamOf(BY_ID))).toBeLessThan(first(tags));
    expect(first(iamOf(BY_EMAIL))).toBeGreaterThan(last(listing));
    expect(last(iamOf(BY_EMAIL))).toBeLessThan(last(tags));
  });
});
