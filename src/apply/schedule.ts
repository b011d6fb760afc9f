// Which of a plan's changes may start now, in O(log n) per step: each change counts the
// dependencies it still waits for, and enters its account's ready queue when that count
// reaches zero; accounts with ready work and a free slot wait in a queue of their own,
// ordered by their earliest ready change. Rescanning every pending change on each
// completion made apply quadratic (seconds of CPU at 4,000 changes, minutes at 20,000).
// Among the changes that may start, the one earliest in the plan starts first.
import TinyQueue from "tinyqueue";
import type { Change } from "../engine/types.js";

type State = "waiting" | "ready" | "started" | "given-up";

export class Schedule {
  /** Queue entries pushed and popped and dependency edges followed: a measure of work that tests bound. */
  work = 0;
  running = 0;
  private readonly state: State[];
  private readonly waitingFor: number[];
  private readonly dependents: number[][];
  private readonly index = new Map<string, number>();
  private readonly ready = new Map<string, TinyQueue<number>>();
  private readonly runningIn = new Map<string, number>();
  /** [earliest ready change, account]; an entry is stale when the account's head has moved on. */
  private readonly accounts = new TinyQueue<[number, string]>([], (a, b) => a[0] - b[0]);

  constructor(
    private readonly changes: Change[],
    deps: ReadonlyMap<string, readonly string[]>,
    private readonly limits: { concurrency: number; perAccount: number },
  ) {
    changes.forEach((c, i) => this.index.set(c.address, i));
    this.state = changes.map(() => "waiting");
    this.dependents = changes.map(() => []);
    this.waitingFor = changes.map((c, i) => {
      const on = [...new Set(deps.get(c.address) ?? [])].flatMap((d) => {
        const j = this.index.get(d);
        return j === undefined ? [] : [j];
      });
      for (const j of on) this.dependents[j]!.push(i);
      return on.length;
    });
    changes.forEach((_, i) => this.waitingFor[i] === 0 && this.makeReady(i));
  }

  /** The next change that may start (marked started), or undefined when none may now. */
  next(): Change | undefined {
    if (this.running >= this.limits.concurrency) return undefined;
    for (let entry = this.accounts.pop(); entry; entry = this.accounts.pop()) {
      this.work++;
      const [head, account] = entry;
      const queue = this.ready.get(account);
      // Stale: the account's head started, or it is full (re-entered when a slot frees).
      if (!queue || queue.peek() !== head || (this.runningIn.get(account) ?? 0) >= this.limits.perAccount) continue;
      const i = queue.pop()!;
      this.work++;
      if (queue.length === 0) this.ready.delete(account);
      this.state[i] = "started";
      this.running++;
      this.runningIn.set(account, (this.runningIn.get(account) ?? 0) + 1);
      this.offer(account);
      return this.changes[i];
    }
    return undefined;
  }

  /** A started change succeeded: what waited only for it becomes ready. */
  succeeded(change: Change): void {
    const i = this.finish(change);
    for (const d of this.dependents[i]!) {
      this.work++;
      if (this.state[d] === "waiting" && --this.waitingFor[d]! === 0) this.makeReady(d);
    }
  }

  /** A started change failed: every change that depends on it, directly or not, is given up, in plan order. */
  failed(change: Change): Change[] {
    const gone: number[] = [];
    const stack = [this.finish(change)];
    for (let i = stack.pop(); i !== undefined; i = stack.pop()) {
      for (const d of this.dependents[i]!) {
        this.work++;
        if (this.state[d] !== "waiting") continue;
        this.state[d] = "given-up";
        gone.push(d);
        stack.push(d);
      }
    }
    return gone.sort((a, b) => a - b).map((i) => this.changes[i]!);
  }

  /** Gives up every change not started yet (ready ones included) and returns them in plan order. */
  giveUpRest(): Change[] {
    const rest: Change[] = [];
    this.state.forEach((s, i) => {
      if (s !== "waiting" && s !== "ready") return;
      this.state[i] = "given-up";
      rest.push(this.changes[i]!);
    });
    this.ready.clear();
    return rest;
  }

  private finish(change: Change): number {
    const i = this.index.get(change.address)!;
    this.running--;
    this.runningIn.set(change.account, (this.runningIn.get(change.account) ?? 1) - 1);
    this.offer(change.account);
    return i;
  }

  private makeReady(i: number): void {
    const account = this.changes[i]!.account;
    this.state[i] = "ready";
    let queue = this.ready.get(account);
    if (!queue) this.ready.set(account, (queue = new TinyQueue<number>([], (a, b) => a - b)));
    const before = queue.peek();
    queue.push(i);
    this.work++;
    if (before === undefined || i < before) this.offer(account);
  }

  /** Puts the account in line when it has ready work and a free slot. */
  private offer(account: string): void {
    const head = this.ready.get(account)?.peek();
    if (head === undefined || (this.runningIn.get(account) ?? 0) >= this.limits.perAccount) return;
    this.accounts.push([head, account]);
    this.work++;
  }
}
