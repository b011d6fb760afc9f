// Every SDK client of a run sends on one connection pool: reading many accounts (a client
// per account) must not open a TCP connection (a TLS handshake, against AWS) per account.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { withEmulator } from "./helpers/emulator.js";
import { account, desiredState, role } from "./helpers/readers-desired.js";
import { readLiveState } from "../src/engine/read-live.js";
import { ClientFactory } from "../src/aws/clients.js";
import { SessionBroker } from "../src/aws/session.js";
import type { Snapshot } from "../src/emulator/index.js";
import { KINDS } from "../src/kinds/registry.js";

const MANAGEMENT = "111111111111";
const MEMBERS = Array.from({ length: 12 }, (_, i) => String(222222222200 + i));

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: { managementAccountId: MANAGEMENT, accounts: MEMBERS.map((id) => ({ id, name: id, email: `${id}@example.com` })) },
};
const emulator = withEmulator({ snapshot });

/** A TCP relay in front of the emulator that counts the connections clients open. */
async function countingRelay(port: number): Promise<{ url: string; opened: () => number; server: Server }> {
  let opened = 0;
  const server = createServer((socket) => {
    opened++;
    sockets.add(socket);
    const upstream = createConnection(port, "127.0.0.1");
    socket.pipe(upstream).pipe(socket);
    socket.on("error", () => upstream.destroy());
    upstream.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("relay has no port");
  return { url: `http://127.0.0.1:${address.port}`, opened: () => opened, server };
}

let relay: Server | undefined;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
  relay = undefined;
});

describe("connections", () => {
  it("reads 12 accounts, one at a time, over a few reused connections, not one per account", async () => {
    const counting = await countingRelay(emulator().port);
    relay = counting.server;
    const { accessKeyId, secretAccessKey } = emulator().credentials;
    const clients = new ClientFactory(
      new SessionBroker({ accessRole: "OrganizationAccountAccessRole", endpoint: counting.url, region: "us-east-1", credentials: async () => ({ accessKeyId, secretAccessKey }) }),
    );
    const desired = desiredState({
      managementAccount: MANAGEMENT,
      accounts: MEMBERS.map((id) => account(`a${id}`, { id, email: `${id}@example.com` })),
      roles: [role("reader", MEMBERS.map((id) => `a${id}`))],
    });
    try {
      const live = await readLiveState(desired, { kinds: KINDS, clients, concurrency: 1 });
      expect(live.errors).toEqual([]);
      expect(Object.keys(live.accounts)).toHaveLength(MEMBERS.length);
      // 12 AssumeRole calls and 24 IAM reads in 12 accounts' clients; the organization's
      // walk runs alongside. Each account client used to open its own connections (26+).
      expect(counting.opened()).toBeLessThanOrEqual(8);
    } finally {
      clients.destroy();
    }
  });
});
