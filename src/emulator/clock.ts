// Emulated time: runs timeScale times faster than real time, and tests can jump ahead with
// advance(), so deployments and account creation need no real waiting. Only their progress
// runs on it: every timestamp a response carries is wall-clock time (toWall converts an
// emulated instant), as a client compares them with its own clock.
// Credentials live on wall time instead (plus advance()): clients compare a session's
// Expiration with their own clock, so a scaled expiry would make every cached session
// look valid long after the emulator considered it expired.
import type { Clock } from "./types.js";

export interface EmulatorClock extends Clock {
  /** Moves emulated time forward by ms (for tests). */
  advance(ms: number): void;
  /** Real epoch ms plus whatever advance() skipped: for credential expiry. */
  wallNow(): number;
}

export function createClock(timeScale = 1, start = Date.now()): EmulatorClock {
  const realStart = performance.now();
  let skipped = 0;
  return {
    now: () => Math.floor(start + (performance.now() - realStart) * timeScale + skipped),
    wallNow: () => Date.now() + skipped,
    // Inverts now(): the emulated time elapsed since start, slowed back down to real time.
    toWall: (emulatedMs) => Math.floor(start + (emulatedMs - start - skipped) / timeScale + skipped),
    advance(ms: number) {
      skipped += ms;
    },
  };
}
