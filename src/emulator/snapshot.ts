// Snapshot load/dump: long-term keys and accounts in the core, the rest through each
// service module's seed/dump hooks.
import { readFile } from "node:fs/promises";
import type { ServiceName, Snapshot, World } from "./types.js";
import { addLongTermKey } from "./world.js";

// Organizations first: it creates the accounts the other services' state lives in.
const SEED_ORDER: ServiceName[] = ["organizations", "iam", "sts", "appconfig"];

export function loadSnapshot(world: World, snapshot: Snapshot): void {
  if (snapshot.formatVersion !== 1) throw new Error(`unsupported snapshot formatVersion ${String(snapshot.formatVersion)}`);
  // Users' keys are registered by IAM's seed, which knows the users.
  for (const key of snapshot.credentials ?? []) if (key.userName === undefined) addLongTermKey(world, key);
  for (const name of SEED_ORDER) world.services.get(name)?.seed?.(world, snapshot);
  // Keep the snapshot's order (root keys were registered before users' keys): its first key
  // is the one a handle, and so `orgctl sandbox`, hands out, also after a dump and reload.
  for (const key of snapshot.credentials ?? []) {
    const record = world.credentials.get(key.accessKeyId);
    if (!record) continue;
    world.credentials.delete(key.accessKeyId);
    world.credentials.set(key.accessKeyId, record);
  }
}

export function dumpSnapshot(world: World): Snapshot {
  const snapshot: Snapshot = { formatVersion: 1, credentials: [] };
  for (const record of world.credentials.values()) {
    const { principal } = record;
    if (record.expiresAt !== undefined || principal.type === "assumed-role") continue;
    const userName = principal.type === "user" ? principal.arn.slice(principal.arn.lastIndexOf("/") + 1) : undefined;
    snapshot.credentials!.push({ accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey, accountId: principal.accountId, ...(userName ? { userName } : {}) });
  }
  for (const name of SEED_ORDER) world.services.get(name)?.dump?.(world, snapshot);
  return snapshot;
}

export async function loadSnapshotFile(path: string): Promise<Snapshot> {
  const snapshot = JSON.parse(await readFile(path, "utf8")) as Snapshot;
  if (snapshot?.formatVersion !== 1) throw new Error(`${path}: not an emulator snapshot (formatVersion 1 expected)`);
  return snapshot;
}
