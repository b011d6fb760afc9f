// Contracts between the emulator's core (server, accounts, credentials, faults) and
// its service modules (iam, sts, organizations, appconfig). Each service keeps its own
// state shape in its own folder; the core only knows accounts and credentials.
import type { IamSnapshot } from "./iam/snapshot-shape.js";
import type { CallLog } from "./call-log.js";
import type { CredentialStore } from "./credential-store.js";
import type { CallStat, CredentialRecord, Principal, ServiceName } from "./basics.js";

export type { CallStat, CredentialRecord, Principal, ServiceName } from "./basics.js";

export interface EmuRequest {
  service: ServiceName;
  region: string;
  method: string;
  /** URL path without the query string, percent-decoded per segment by the router where needed. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  principal: Principal;
  requestId: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Thrown by handlers; the service module turns it into its protocol's error shape. */
export class AwsError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    /** Extra fields some protocols carry (e.g. Organizations' Reason). */
    public readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ServiceModule {
  name: ServiceName;
  handle(req: EmuRequest, world: World): EmuResponse | Promise<EmuResponse>;
  /** The operation name of a request, for statistics and per-operation faults. */
  operationOf(req: Omit<EmuRequest, "principal">): string;
  /** Builds the protocol's throttling error (used by fault injection). */
  throttle(req: Omit<EmuRequest, "principal">): EmuResponse;
  /** Loads this service's part of a snapshot into the world (after accounts exist). */
  seed?(world: World, snapshot: Snapshot): void;
  /** Writes this service's part of the world into a snapshot. */
  dump?(world: World, snapshot: Snapshot): void;
}

/** Per-account state; each service module owns one slot and creates it lazily. */
export interface AccountState {
  id: string;
  /** Service-owned state by service name (e.g. slots.get("iam")), created on first use. */
  slots: Map<string, unknown>;
}

export interface Clock {
  /** Emulated epoch ms. Deployments and account creation progress on this clock. */
  now(): number;
  /** Wall-clock epoch ms (plus any test jump): session credentials expire on this clock, and every timestamp a response shows is on it. */
  wallNow(): number;
  /** The wall-clock time at which an emulated instant happens(ed): for showing deployment and account-creation times. */
  toWall(emulatedMs: number): number;
}

export interface FaultRule {
  /** Service, or "*" for any. */
  service?: ServiceName | "*";
  /** Operation name, or "*" for any. */
  operation?: string;
  /** Probability 0..1 of the fault on a matching call. */
  rate: number;
  /**
   * Only the first N matching calls are candidates (with rate 1: exactly those calls), so
   * a test can fault e.g. the first CreateApplication and nothing else.
   */
  first?: number;
  /**
   * throttle / 5xx / drop: the call is refused before it runs.
   * lose-response: the call runs and its effect persists, then the answer is lost (the
   * connection is dropped, or a 5xx is sent: see `answer`), so the client retries a call
   * AWS already committed.
   */
  kind: "throttle" | "5xx" | "drop" | "latency" | "lose-response" | "error";
  /**
   * For error: the AWS error answered instead of running the call, in the service's
   * protocol shape, e.g. { code: "NoSuchEntity", status: 404 } on GetRole to act out IAM's
   * eventual consistency (a role CreateRole reports as existing that GetRole cannot see yet).
   */
  error?: { code: string; status: number; message?: string };
  /** For lose-response: how the answer is lost (default "drop"). */
  answer?: "drop" | "5xx";
  /** For latency: milliseconds added. */
  ms?: number;
}

export interface FaultConfig {
  seed?: number;
  /** How long every call takes at least, in ms, from its arrival to its answer. */
  latencyMs?: number;
  rules?: FaultRule[];
  /** Token bucket per account and service: calls per second allowed before throttling. */
  rateLimits?: Partial<Record<ServiceName, number>>;
}

export interface World {
  clock: Clock;
  accounts: Map<string, AccountState>;
  credentials: CredentialStore;
  /** Creates the account's state if it does not exist yet. */
  ensureAccount(id: string): AccountState;
  /** Issues temporary credentials for a principal (STS). */
  issueCredentials(principal: Principal, durationSeconds: number): CredentialRecord;
  /** Deterministic id generator: prefix + n random chars from [A-Z0-9] (or lowercase for AppConfig). */
  newId(prefix: string, length: number, alphabet?: string): string;
  /** The most recent calls served, in order, and per-operation counts (for tests and the benchmark's API call counts). */
  calls: CallLog;
  /** Service modules by name, so one service can reach another's internals (e.g. Organizations creating a role). */
  services: Map<ServiceName, ServiceModule>;
}

/** JSON seed/snapshot format: enough to start from a given organization. */
export interface Snapshot {
  formatVersion: 1;
  /** Long-term keys; the first is what `orgctl sandbox` prints. */
  credentials?: { accessKeyId: string; secretAccessKey: string; accountId: string; userName?: string }[];
  organizations?: unknown;
  iam?: IamSnapshot;
  appconfig?: unknown;
}
