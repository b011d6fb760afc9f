// Sharding a plan across CI jobs: each account belongs to exactly one of n shards by a
// hash of its key, so the split is stable across runs and independent of YAML order;
// the Organizations part (units, placement, account tags) is planned by shard 1 only.
import { createHash } from "node:crypto";

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) throw new Error(`invalid shard "${text}": expected i/n with 1 <= i <= n`);
  return { index, count };
}

/** The 1-based shard of an account key. */
export function shardOf(key: string, count: number): number {
  const digest = createHash("sha256").update(key, "utf8").digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function accountsInShard(keys: readonly string[], shard: Shard): string[] {
  return keys.filter((key) => shardOf(key, shard.count) === shard.index);
}
