// Emulated time: runs timeScale times faster than real time, and tests can jump ahead with
// advance(), so deployments and account creation need no real waiting.
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
    advance(ms: number) {
      skipped += ms;
    },
  };
}
