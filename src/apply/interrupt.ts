// Ctrl-C (or the runner's SIGTERM) during apply must end in a report, not a dead process:
// the first signal stops scheduling and gives running operations a bounded time to
// finish; a second signal, or the bound, ends the wait with those operations reported
// as in flight (their outcome unknown until the next plan).
export const INTERRUPT_GRACE_MS = 30_000;

export interface Interrupt {
  signal: AbortSignal;
  /** Resolves once the grace period after an interrupt has run out (never otherwise). */
  graceOver: Promise<void>;
  dispose(): void;
}

export function watchInterrupts(graceMs = INTERRUPT_GRACE_MS, onInterrupt: (signal: string) => void = () => {}): Interrupt {
  const controller = new AbortController();
  let endGrace: () => void = () => {};
  const graceOver = new Promise<void>((resolve) => (endGrace = resolve));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const handler = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) return endGrace();
    onInterrupt(name);
    controller.abort();
    timer = setTimeout(endGrace, graceMs);
    timer.unref?.();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    graceOver,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
      if (timer) clearTimeout(timer);
    },
  };
}
