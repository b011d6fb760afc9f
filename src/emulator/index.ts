// Starts the local AWS emulator.
//
// Defaults without a snapshot: one account, 111111111111 (the organization's management
// account once Organizations is set up), and one long-term access key belonging to its root
// user (DEFAULT_CREDENTIALS below). The key is a fixed, obviously fake value so that a
// sandbox started twice can be used with the same environment. With a snapshot, its first
// credential becomes the handle's credentials.
//
// Every call is authorized (src/emulator/authz/): a role session may do what its role's
// identity policies and permissions boundary allow; an account's root may do anything in its
// account; crossing accounts requires STS AssumeRole, which also evaluates the target role's
// trust policy.
import type { AddressInfo } from "node:net";
import type { FaultConfig, Snapshot } from "./types.js";
import { createClock } from "./clock.js";
import { createWorld, addLongTermKey, type EmulatorWorld } from "./world.js";
import { allServices } from "./services.js";
import { FaultInjector } from "./faults.js";
import { setConsistency, type ConsistencySettings } from "./consistency/settings.js";
import { createEmulatorServer } from "./server.js";
import { dumpSnapshot, loadSnapshot } from "./snapshot.js";

export const DEFAULT_ACCOUNT_ID = "111111111111";
export const DEFAULT_CREDENTIALS = {
  accessKeyId: "AKIAEMULATOR00000001",
  secretAccessKey: "emulator/secret/not-a-real-aws-key/00001",
  accountId: DEFAULT_ACCOUNT_ID,
};

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  snapshot?: Snapshot;
  faults?: FaultConfig;
  /** Emulated seconds per real second (default 1). */
  timeScale?: number;
  /** Seeds ids and faults (default 1). */
  seed?: number;
  /** Eventual consistency delays (off when absent). */
  consistency?: ConsistencySettings;
}

export interface EmulatorHandle {
  url: string;
  port: number;
  world: EmulatorWorld;
  credentials: { accessKeyId: string; secretAccessKey: string; accountId: string };
  setFaults(faults: FaultConfig): void;
  /** Turns eventual consistency delays on (or changes them) for what is created from now on. */
  setConsistency(settings: ConsistencySettings): void;
  snapshot(): Snapshot;
  /** "service:Operation" → number of calls served (including failed and faulted ones). */
  callCounts(): Record<string, number>;
  stop(): Promise<void>;
}

export async function startEmulator(opts: StartOptions = {}): Promise<EmulatorHandle> {
  const seed = opts.seed ?? 1;
  const world = createWorld(createClock(opts.timeScale ?? 1), allServices(), seed);
  const keys = opts.snapshot?.credentials?.length ? opts.snapshot.credentials : [DEFAULT_CREDENTIALS];
  if (opts.snapshot) loadSnapshot(world, { ...opts.snapshot, credentials: keys });
  else addLongTermKey(world, DEFAULT_CREDENTIALS);
  const first = keys[0]!;
  // After seeding: what a snapshot holds has long propagated.
  if (opts.consistency) setConsistency(world, opts.consistency);

  const faults = new FaultInjector(opts.faults, seed);
  const server = createEmulatorServer(world, faults);
  // SDK clients keep connections alive; close them on stop so stop() does not hang.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    world,
    credentials: { accessKeyId: first.accessKeyId, secretAccessKey: first.secretAccessKey, accountId: first.accountId },
    setFaults: (f) => faults.set(f),
    setConsistency: (settings) => setConsistency(world, settings),
    snapshot: () => dumpSnapshot(world),
    callCounts() {
      const counts: Record<string, number> = {};
      for (const c of world.calls) counts[`${c.service}:${c.operation}`] = (counts[`${c.service}:${c.operation}`] ?? 0) + 1;
      return counts;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { Snapshot, FaultConfig } from "./types.js";
export type { ConsistencySettings } from "./consistency/settings.js";
export { loadSnapshotFile } from "./snapshot.js";
