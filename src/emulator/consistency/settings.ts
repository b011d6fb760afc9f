// Eventual consistency on demand: how long, after a role is created, AWS may still refuse it
// as a principal, refuse to let it be assumed, or leave it out of reads; and how long a new
// account's access role stays unassumable. Off (all zero) unless a test or the sandbox turns
// it on; each resource's delay is the setting times a seeded factor in [0.5, 1.5), so runs
// with the same seed see the same delays.
import type { World } from "../types.js";
import { seededRandom, type Random } from "../random.js";

export interface ConsistencySettings {
  /** A new role named as a principal in a trust or resource policy: MalformedPolicyDocument "Invalid principal in policy". */
  principalMs?: number;
  /** A new role cannot be assumed yet (AccessDenied). */
  assumeMs?: number;
  /** A new account's access role cannot be assumed yet (AccessDenied). */
  accessRoleMs?: number;
  /** GetRole, ListRoles and GetAccountAuthorizationDetails do not show a new role yet. */
  readMs?: number;
  /** Seeds the per-resource factors (default 1). */
  seed?: number;
}

export type Lag = "principal" | "assume" | "read";

interface Propagation {
  settings: ConsistencySettings;
  random: Random;
  /** Role ARN → wall-clock ms from which each lag is over. */
  readyAt: Map<string, Record<Lag, number>>;
}

const STATE = new WeakMap<World, Propagation>();

export function setConsistency(world: World, settings: ConsistencySettings = {}): void {
  STATE.set(world, { settings, random: seededRandom(settings.seed ?? 1), readyAt: STATE.get(world)?.readyAt ?? new Map() });
}

export function propagationOf(world: World): Propagation | undefined {
  return STATE.get(world);
}
