import { describe, expect, it } from "vitest";
import { withEmulator } from "./helpers/emulator.js";
import { account, desiredState } from "./helpers/readers-desired.js";
import { ClientFactory } from "../src/aws/clients.js";
import { SessionBroker } from "../src/aws/session.js";
import { readLiveState } from "../src/providers/read-live.js";
import type { Snapshot } from "../src/emulator/index.js";

const MANAGEMENT = "111111111111";
const MEMBERS = ["222222222222", "333333333333", "444444444444"];

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MANAGEMENT,
    accounts: MEMBERS.map((id) => ({ id, name: id, email: `${id}@example.com` })),
  },
};

const emulator = withEmulator({ snapshot });

function factory(): ClientFactory {
  const e = emulator();
  return new ClientFactory(
    new SessionBroker({
      accessRole: "OrganizationAccountAccessRole",
      endpoint: e.url,
      region: "us-east-1",
      credentials: async () => ({ accessKeyId: e.credentials.accessKeyId, secretAccessKey: e.credentials.secretAccessKey }),
    }),
  );
}

const assumeRoleCalls = () => emulator().world.calls.filter((c) => c.service === "sts" && c.operation === "AssumeRole").length;

describe("client factory", () => {
  it("drops an account's clients once its read is done, keeping the session: no second AssumeRole", async () => {
    const desired = desiredState({
      managementAccount: MANAGEMENT,
      accounts: MEMBERS.map((id) => account(`a${id}`, { id, email: `${id}@example.com` })),
    });
    const clients = factory();
    const before = assumeRoleCalls();
    try {
      const held = await Promise.all(MEMBERS.map((id) => clients.iam(id)));
      const organizations = await clients.organizations(MANAGEMENT);
      const live = await readLiveState(desired, { clients });
      expect(live.errors).toEqual([]);
      expect(Object.keys(live.accounts)).toHaveLength(MEMBERS.length);

      const after = await Promise.all(MEMBERS.map((id) => clients.iam(id)));
      after.forEach((client, i) => expect(client).not.toBe(held[i]));
      // The organization reader's client is not an account read's to release.
      expect(await clients.organizations(MANAGEMENT)).toBe(organizations);
      expect(assumeRoleCalls() - before).toBe(MEMBERS.length);
    } finally {
      clients.destroy();
    }
  });
});
