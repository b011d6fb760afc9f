// Access keys the emulator accepts. Long-term keys live until deleted; issued session
// keys are evicted once expired, so memory does not grow with every AssumeRole a long-lived
// sandbox serves. An evicted key still answers ExpiredToken (as AWS does for an expired
// session) for as long as it is remembered in a bounded list of evicted ids.
import type { CredentialRecord } from "./basics.js";

/** Sweep for expired sessions every this many issued ones. */
const SWEEP_EVERY = 1_000;
/** Evicted key ids remembered for the ExpiredToken answer. */
const EVICTED_MEMORY = 10_000;
/** Live sessions at most: beyond this the oldest is evicted even if still valid. */
export const MAX_SESSIONS = 100_000;

export class CredentialStore extends Map<string, CredentialRecord> {
  private issuedSinceSweep = 0;
  private sessions = 0;
  private readonly evicted = new Set<string>();

  /** Adds an issued session key, evicting expired (and, past MAX_SESSIONS, the oldest) ones. */
  addSession(record: CredentialRecord, now: number): void {
    if (++this.issuedSinceSweep >= SWEEP_EVERY || this.sessions >= MAX_SESSIONS) this.sweep(now);
    if (this.sessions >= MAX_SESSIONS) this.evictOldestSession();
    this.set(record.accessKeyId, record);
    this.sessions++;
  }

  /** Whether the key was an issued session key that has since been evicted. */
  wasEvicted(accessKeyId: string): boolean {
    return this.evicted.has(accessKeyId);
  }

  /** Live (not evicted) session keys. */
  get sessionCount(): number {
    return this.sessions;
  }

  override delete(accessKeyId: string): boolean {
    const record = this.get(accessKeyId);
    if (record?.expiresAt !== undefined) this.sessions--;
    return super.delete(accessKeyId);
  }

  sweep(now: number): void {
    this.issuedSinceSweep = 0;
    for (const [id, record] of this) {
      if (record.expiresAt !== undefined && record.expiresAt <= now) this.evict(id);
    }
  }

  private evictOldestSession(): void {
    for (const [id, record] of this) {
      if (record.expiresAt !== undefined) {
        this.evict(id);
        return;
      }
    }
  }

  private evict(id: string): void {
    this.delete(id);
    this.evicted.add(id);
    if (this.evicted.size > EVICTED_MEMORY) this.evicted.delete(this.evicted.values().next().value!);
  }
}
