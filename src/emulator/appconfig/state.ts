// AppConfig state of one account in one region. AppConfig is regional: the same account
// sees different applications in eu-west-1 and us-east-1, so the account slot is keyed by
// the request's SigV4 scope region.
import type { World } from "../types.js";

export type Tags = Record<string, string>;

export interface ValidatorRecord {
  Type: "JSON_SCHEMA" | "LAMBDA";
  Content: string;
}

export interface HostedVersionRecord {
  versionNumber: number;
  content: Buffer;
  contentType: string;
  description?: string;
  versionLabel?: string;
}

export interface ProfileRecord {
  id: string;
  name: string;
  description?: string;
  locationUri: string;
  retrievalRoleArn?: string;
  type: string;
  validators: ValidatorRecord[];
  tags: Tags;
  /** Hosted versions by number; numbers are never reused, even after a delete. */
  versions: Map<number, HostedVersionRecord>;
  lastVersionNumber: number;
}

export interface StrategyRecord {
  id: string;
  name: string;
  description?: string;
  deploymentDurationInMinutes: number;
  growthType: "LINEAR" | "EXPONENTIAL";
  growthFactor: number;
  finalBakeTimeInMinutes: number;
  replicateTo: string;
  tags: Tags;
}

export interface DeploymentRecord {
  deploymentNumber: number;
  profileId: string;
  configurationName: string;
  configurationLocationUri: string;
  configurationVersion: string;
  versionLabel?: string;
  /** A hosted version's content as deployed: what AppConfigData serves, even after the version is deleted. */
  hosted?: { content: Buffer; contentType: string };
  description?: string;
  /** The strategy as it was when the deployment started (a later update does not affect it). */
  strategy: StrategyRecord;
  /** Epoch ms on the world clock. */
  startedAt: number;
  /**
   * Set by StopDeployment or a monitor's alarm: when, whether it rolled back an in-flight
   * deployment or reverted a complete one, and the alarm that caused it (none: a user).
   */
  stopped?: { at: number; outcome: "ROLLED_BACK" | "REVERTED"; alarmArn?: string };
  tags: Tags;
}

export interface EnvironmentRecord {
  id: string;
  name: string;
  description?: string;
  monitors: { AlarmArn: string; AlarmRoleArn?: string }[];
  tags: Tags;
  /** In start order; deployment number n is at index n-1. */
  deployments: DeploymentRecord[];
}

export interface ApplicationRecord {
  id: string;
  name: string;
  description?: string;
  tags: Tags;
  environments: Map<string, EnvironmentRecord>;
  profiles: Map<string, ProfileRecord>;
}

export interface RegionState {
  accountId: string;
  region: string;
  applications: Map<string, ApplicationRecord>;
  /** Custom deployment strategies; the predefined ones live in strategies.ts. */
  strategies: Map<string, StrategyRecord>;
  /** AppConfigData configuration sessions by session id. */
  sessions: Map<string, SessionRecord>;
}

export interface SessionRecord {
  id: string;
  applicationId: string;
  environmentId: string;
  profileId: string;
  /** RequiredMinimumPollIntervalInSeconds, when the session set one. */
  minimumPollSeconds?: number;
  /** 0 ≤ bucket < 100: the session sees a rolling deployment once its percentage passes this. */
  bucket: number;
  /** The one token of the session that may still be used: its sequence number, nonce and issue time (wall-clock ms). */
  token: { sequence: number; nonce: string; issuedAt: number };
  /** Wall-clock ms of the last GetLatestConfiguration served. */
  lastPollAt?: number;
  /** What the session last received ("<profile>:<version>"), so an unchanged configuration is sent empty. */
  lastServed?: string;
}

type AccountSlot = Map<string, RegionState>;

export function regionState(world: World, accountId: string, region: string): RegionState {
  const account = world.ensureAccount(accountId);
  let slot = account.slots.get("appconfig") as AccountSlot | undefined;
  if (!slot) {
    slot = new Map();
    account.slots.set("appconfig", slot);
  }
  let state = slot.get(region);
  if (!state) {
    state = { accountId, region, applications: new Map(), strategies: new Map(), sessions: new Map() };
    slot.set(region, state);
  }
  return state;
}

/** Every region's state of every account, for snapshot dumps. */
export function allRegionStates(world: World): RegionState[] {
  const out: RegionState[] = [];
  for (const account of world.accounts.values()) {
    const slot = account.slots.get("appconfig") as AccountSlot | undefined;
    if (slot) out.push(...slot.values());
  }
  return out;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** AppConfig ids are 7 lowercase alphanumerics (e.g. "abc1234"). */
export function newId(world: World): string {
  return world.newId("", 7, ID_ALPHABET);
}
