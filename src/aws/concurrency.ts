// A bounded-concurrency pool that halves its limit when AWS throttles and grows back
// by one slot per `limit` successful tasks (additive increase, multiplicative decrease),
// so thousands of accounts are read as fast as the API quotas allow, not faster.

/** Ignore further throttle signals this long after a shrink: one burst is one signal. */
const SHRINK_COOLDOWN_MS = 1000;

export class AdaptivePool {
  private active = 0;
  private successes = 0;
  private lastShrink = -Infinity;
  private readonly waiting: (() => void)[] = [];
  private current: number;

  constructor(
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`concurrency must be a positive integer, got ${max}`);
    this.current = max;
  }

  get limit(): number {
    return this.current;
  }

  /** Called on a throttling response from any task in the pool. */
  throttled(): void {
    const t = this.now();
    if (t - this.lastShrink < SHRINK_COOLDOWN_MS) return;
    this.lastShrink = t;
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.successes = 0;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.active >= this.current) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      const result = await task();
      this.succeeded();
      return result;
    } finally {
      this.active--;
      this.wakeUp();
    }
  }

  private succeeded(): void {
    if (this.current >= this.max) return;
    if (++this.successes >= this.current) {
      this.current++;
      this.successes = 0;
    }
  }

  private wakeUp(): void {
    for (let free = this.current - this.active; free > 0 && this.waiting.length > 0; free--) this.waiting.shift()!();
  }
}

/** Runs fn over items through the pool; results keep the input order. */
export function mapPool<T, R>(pool: AdaptivePool, items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  return Promise.all(items.map((item, i) => pool.run(() => fn(item, i))));
}
