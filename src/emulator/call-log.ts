// The record of calls served, for tests and the benchmark's API call counts. It must stay
// bounded however long the emulator runs (a sandbox left up for days, a hostile client):
// the entries are a ring of the most recent `capacity` calls, and the per-operation counts
// only ever hold operations the services know (unknown ones are counted as "Unknown").
import type { CallStat } from "./basics.js";

export const DEFAULT_CALL_LOG_CAPACITY = 100_000;

export class CallLog {
  private readonly ring: CallStat[] = [];
  /** Index in `ring` of the oldest entry once the ring is full. */
  private head = 0;
  private served = 0;
  private readonly counts = new Map<string, number>();

  constructor(readonly capacity = DEFAULT_CALL_LOG_CAPACITY) {}

  push(call: CallStat): void {
    if (this.ring.length < this.capacity) this.ring.push(call);
    else {
      this.ring[this.head] = call;
      this.head = (this.head + 1) % this.capacity;
    }
    this.served++;
    const key = `${call.service}:${call.operation}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Calls served since the emulator started (a mark for since()). */
  get total(): number {
    return this.served;
  }

  /** How many entries are held (at most capacity). */
  get retained(): number {
    return this.ring.length;
  }

  /** The retained calls, oldest first. */
  entries(): CallStat[] {
    return [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }

  /** The calls served after `mark` (a value of total), as far as they are still retained. */
  since(mark: number): CallStat[] {
    const wanted = this.served - mark;
    if (wanted <= 0) return [];
    return this.entries().slice(-wanted);
  }

  // Array-like reading, so callers can treat the log as the list of calls: `length` is the
  // total served (a mark for slice), the others read the retained entries.
  get length(): number {
    return this.served;
  }

  slice(mark: number): CallStat[] {
    return this.since(mark);
  }

  at(index: number): CallStat | undefined {
    return this.entries().at(index);
  }

  filter(predicate: (call: CallStat) => boolean): CallStat[] {
    return this.entries().filter(predicate);
  }

  map<T>(fn: (call: CallStat) => T): T[] {
    return this.entries().map(fn);
  }

  [Symbol.iterator](): Iterator<CallStat> {
    return this.entries()[Symbol.iterator]();
  }

  /** "service:Operation" → calls served, over the emulator's whole life. */
  countsByOperation(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
