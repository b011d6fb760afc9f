// Emulated time: runs timeScale times faster than real time, and tests can jump ahead with
// advance(), so deployments, account creation and credential expiry need no real waiting.
import type { Clock } from "./types.js";

export interface EmulatorClock extends Clock {
  /** Moves emulated time forward by ms (for tests). */
  advance(ms: number): void;
}

export function createClock(timeScale = 1, start = Date.now()): EmulatorClock {
  const realStart = performance.now();
  let skipped = 0;
  return {
    now: () => Math.floor(start + (performance.now() - realStart) * timeScale + skipped),
    advance(ms: number) {
      skipped += ms;
    },
  };
}
