// Starts the local AWS emulator.
//
// Defaults without a snapshot's own credentials: one account, 111111111111 (the
// organization's management account once Organizations is set up), and the IAM user
// sandbox-admin in it with AdministratorAccess and one long-term access key
// (DEFAULT_CREDENTIALS, see default-principal.ts). With credentials in the snapshot, its
// first credential becomes the handle's credentials.
//
// Every call is authorized (src/emulator/authz/): a role session or an IAM user may do what
// its identity policies and permissions boundary allow; an account's root may do anything in
// its account; crossing accounts requires STS AssumeRole, which also evaluates the target
// role's trust policy.
import type { AddressInfo } from "node:net";
import type { FaultConfig, Snapshot } from "./types.js";
import { createClock } from "./clock.js";
import { createWorld, type EmulatorWorld } from "./world.js";
import { allServices } from "./services.js";
import { FaultInjector } from "./faults.js";
import { setConsistency, type ConsistencySettings } from "./consistency/settings.js";
import { createEmulatorServer } from "./server.js";
import { dumpSnapshot, loadSnapshot } from "./snapshot.js";
import { withSandboxAdmin } from "./default-principal.js";
import { setAlarmState } from "./alarms/set.js";
import type { AlarmState } from "./alarms/state.js";

export { DEFAULT_ACCOUNT_ID, DEFAULT_CREDENTIALS, SANDBOX_USER_NAME, withSandboxAdmin } from "./default-principal.js";

export interface StartOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  snapshot?: Snapshot;
  faults?: FaultConfig;
  /** Emulated seconds per real second (default 1). */
  timeScale?: number;
  /** Seeds ids and faults (default 1). */
  seed?: number;
  /** Calls the call log keeps (the most recent; default 100,000). */
  callLogCapacity?: number;
  /** See ServerOptions: for the sandbox, whose printed region clients also sign IAM and Organizations with. */
  endpointOverrideRegion?: string;
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
  /**
   * Sets a CloudWatch alarm's state (the emulator has no metrics): ALARM rolls back the
   * in-progress deployments of every AppConfig environment that monitors the alarm.
   */
  setAlarmState(alarmArn: string, state: AlarmState): void;
  /** "service:Operation" → number of calls served (including failed and faulted ones). */
  callCounts(): Record<string, number>;
  stop(): Promise<void>;
}

export async function startEmulator(opts: StartOptions = {}): Promise<EmulatorHandle> {
  const seed = opts.seed ?? 1;
  const world = createWorld(createClock(opts.timeScale ?? 1), allServices(), seed, opts.callLogCapacity);
  const snapshot = opts.snapshot?.credentials?.length ? opts.snapshot : withSandboxAdmin(opts.snapshot ?? { formatVersion: 1 });
  loadSnapshot(world, snapshot);
  const first = snapshot.credentials![0]!;
  // After seeding: what a snapshot holds has long propagated.
  if (opts.consistency) setConsistency(world, opts.consistency);

  const faults = new FaultInjector(opts.faults, seed);
  const server = createEmulatorServer(world, faults, { endpointOverrideRegion: opts.endpointOverrideRegion });
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
    setAlarmState: (alarmArn, state) => setAlarmState(world, alarmArn, state),
    snapshot: () => dumpSnapshot(world),
    callCounts: () => world.calls.countsByOperation(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { Snapshot, FaultConfig } from "./types.js";
export type { ConsistencySettings } from "./consistency/settings.js";
export type { AlarmState } from "./alarms/state.js";
export { loadSnapshotFile } from "./snapshot.js";
