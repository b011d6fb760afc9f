// The emulator's shared state: accounts, credentials and the call log. Service modules keep
// their own state in each account's slots.
import type { AccountState, CredentialRecord, Principal, ServiceModule, ServiceName, World } from "./types.js";
import { CallLog } from "./call-log.js";
import { CredentialStore } from "./credential-store.js";
import type { EmulatorClock } from "./clock.js";
import { seededRandom } from "./random.js";

const UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export interface EmulatorWorld extends World {
  clock: EmulatorClock;
}

export function createWorld(clock: EmulatorClock, services: ServiceModule[], seed = 1, callLogCapacity?: number): EmulatorWorld {
  const random = seededRandom(seed);
  const accounts = new Map<string, AccountState>();
  const credentials = new CredentialStore();
  const calls = new CallLog(callLogCapacity);

  const randomString = (length: number, alphabet: string): string => {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
    return out;
  };

  const world: EmulatorWorld = {
    clock,
    accounts,
    credentials,
    calls,
    services: new Map<ServiceName, ServiceModule>(services.map((s) => [s.name, s])),
    ensureAccount(id) {
      let account = accounts.get(id);
      if (!account) {
        account = { id, slots: new Map() };
        accounts.set(id, account);
      }
      return account;
    },
    newId(prefix, length, alphabet = UPPER_ALNUM) {
      return prefix + randomString(length, alphabet);
    },
    issueCredentials(principal: Principal, durationSeconds: number) {
      world.ensureAccount(principal.accountId);
      // Session tokens are opaque to callers; AWS's are long base64 blobs, so are these.
      const record: CredentialRecord = {
        accessKeyId: world.newId("ASIA", 16),
        secretAccessKey: randomString(40, SECRET_ALPHABET),
        sessionToken: "FwoGZXIvYXdzE" + randomString(200, SECRET_ALPHABET),
        principal,
        expiresAt: clock.wallNow() + durationSeconds * 1000,
      };
      credentials.addSession(record, clock.wallNow());
      return record;
    },
  };
  return world;
}

/** Registers a long-term access key of an account's root user (IAM users' keys are IAM's). */
export function addLongTermKey(world: World, key: { accessKeyId: string; secretAccessKey: string; accountId: string }): CredentialRecord {
  world.ensureAccount(key.accountId);
  const principal: Principal = { accountId: key.accountId, arn: `arn:aws:iam::${key.accountId}:root`, type: "root", userId: key.accountId, mfaPresent: false };
  const record: CredentialRecord = { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey, principal };
  world.credentials.set(key.accessKeyId, record);
  return record;
}
