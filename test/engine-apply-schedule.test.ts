// The apply scheduler on its own, driven step by step (no timers): which change may start
// next, and how much work that took, counted by the scheduler (queue operations and
// dependency edges followed), so its growth is checked without timing anything.
import { describe, expect, it } from "vitest";
import { Schedule } from "../src/apply/schedule.js";
import { makeChange } from "../src/engine/change.js";
import type { Change } from "../src/engine/types.js";
import { handEdited } from "./fixtures/hand-edited.js";

function role(account: string, name: string, dependsOn: string[] = []): Change {
  return handEdited({ ...makeChange({ action: "create", account, accountId: undefined, service: "iam", type: "role", name, before: null, after: null, dependsOn }), after: { name } });
}

/** `accounts` accounts with 4 roles each; each account's last role trusts the previous account's first. */
function organisation(accounts: number): Change[] {
  const changes: Change[] = [];
  for (let a = 0; a < accounts; a++) {
    const key = `acct-${a}`;
    const roles = ["admin", "deployer", "reader", "auditor"].map((name) => role(key, name));
    if (a > 0) roles[3] = role(key, "auditor", [changes[(a - 1) * 4]!.address]);
    changes.push(...roles);
  }
  return changes;
}

const deps = (changes: Change[]) => new Map(changes.map((c) => [c.address, c.dependsOn]));

/** Runs the schedule to the end, completing the oldest running change each step. */
function drain(changes: Change[], limits = { concurrency: 8, perAccount: 4 }) {
  const schedule = new Schedule(changes, deps(changes), limits);
  const running: Change[] = [];
  const order: string[] = [];
  let peak = 0;
  for (;;) {
    for (let c = schedule.next(); c; c = schedule.next()) {
      running.push(c);
      order.push(c.address);
    }
    peak = Math.max(peak, running.length);
    const done = running.shift();
    if (!done) break;
    schedule.succeeded(done);
  }
  return { schedule, order, peak };
}

describe("apply schedule", () => {
  it("does O(n log n) work: O(1) queue operations per change for 20,000 changes in 5,000 accounts", () => {
    const changes = organisation(5000);
    const { schedule, order, peak } = drain(changes);
    expect(order).toHaveLength(20_000);
    expect(new Set(order).size).toBe(20_000);
    expect(peak).toBe(8);
    // A few queue operations (O(log n) each) per change; a rescan of every pending change on
    // each completion would inspect ~n²/2 = 2·10⁸ candidates.
    const n = changes.length;
    expect(schedule.work).toBeLessThan(6 * n);
  });

  it("grows about linearly: 10× the changes take less than 15× the work", () => {
    const small = drain(organisation(500)).schedule.work;
    const large = drain(organisation(5000)).schedule.work;
    expect(large / small).toBeLessThan(15);
  });

  it("starts the earliest change in the plan first, within the global and per-account bounds", () => {
    const a = ["a1", "a2", "a3"].map((n) => role("a", n));
    const b = ["b1", "b2"].map((n) => role("b", n));
    const after = role("a", "a4", [b[1]!.address]);
    const changes = [...a, after, ...b];
    const schedule = new Schedule(changes, deps(changes), { concurrency: 3, perAccount: 2 });
    const started = () => [...function* () { for (let c = schedule.next(); c; c = schedule.next()) yield c.name; }()];
    // Account a may run 2 at a time: a1, a2; then b1 is the earliest that may start.
    expect(started()).toEqual(["a1", "a2", "b1"]);
    schedule.succeeded(a[0]!);
    expect(started()).toEqual(["a3"]);
    schedule.succeeded(b[0]!);
    expect(started()).toEqual(["b2"]);
    schedule.succeeded(b[1]!);
    expect(started()).toEqual([]); // a is full (a2, a3 running); a4 is ready
    schedule.succeeded(a[1]!);
    expect(started()).toEqual(["a4"]);
  });

  it("gives up the transitive dependents of a failure, in plan order, and nothing else", () => {
    const base = role("a", "base");
    const child = role("b", "child", [base.address]);
    const grandchild = role("c", "grandchild", [child.address]);
    const other = role("c", "other");
    const changes = [base, grandchild, other, child];
    const schedule = new Schedule(changes, deps(changes), { concurrency: 8, perAccount: 4 });
    expect(schedule.next()?.name).toBe("base");
    expect(schedule.next()?.name).toBe("other");
    expect(schedule.failed(base).map((c) => c.name)).toEqual(["grandchild", "child"]);
    expect(schedule.next()).toBeUndefined();
    schedule.succeeded(other);
    expect(schedule.running).toBe(0);
    expect(schedule.giveUpRest()).toEqual([]);
  });

  it("leaves changes that wait on each other for giveUpRest (a cycle)", () => {
    const x = role("a", "x", ["a/iam/role/y"]);
    const y = role("a", "y", [x.address]);
    const schedule = new Schedule([x, y], deps([x, y]), { concurrency: 8, perAccount: 4 });
    expect(schedule.next()).toBeUndefined();
    expect(schedule.giveUpRest().map((c) => c.name)).toEqual(["x", "y"]);
  });
});
