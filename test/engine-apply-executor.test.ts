// The apply executor on its own: changes built here, and a fake operation runner (the
// executor's injected `run`, not AWS) that records what started when, so ordering,
// concurrency bounds, failure propagation and placeholder resolution are observable.
import { afterEach, describe, expect, it, vi } from "vitest";
import { executePlan, type ApplyResult, type ExecuteOptions, type OperationOutcome } from "../src/apply/executor.js";
import { formatResult } from "../src/apply/report.js";
import { OPERATION_RETRY } from "../src/apply/operations.js";
import { withRetries } from "../src/apply/retry.js";
import { EnvironmentBusyError } from "../src/kinds/appconfig/deployment/operations.js";
import { makeChange } from "../src/engine/change.js";
import type { Change, ChangeAction, ServiceKey } from "../src/engine/types.js";
import { KINDS } from "../src/kinds/registry.js";
import { handEdited } from "./fixtures/hand-edited.js";

interface Spec {
  account?: string;
  accountId?: string;
  service?: ServiceKey;
  type?: string;
  action?: ChangeAction;
  after?: unknown;
  dependsOn?: string[];
}

/** A change named `name`; its address is "<account>/<service>/<type>/<name>". */
function change(name: string, spec: Spec = {}): Change {
  const account = spec.account ?? "dev";
  const made = makeChange({
    action: spec.action ?? "create",
    account,
    accountId: spec.accountId ?? (account === "dev" ? "222222222222" : undefined),
    service: spec.service ?? "iam",
    type: "role",
    name,
    before: null,
    after: null,
    dependsOn: spec.dependsOn ?? [],
  });
  // The executor is generic: any type and any `after` a plan file may hold.
  return handEdited({ ...made, type: spec.type ?? "role", after: spec.after ?? { name } });
}

interface Behaviour {
  ms?: number;
  fail?: Error;
  outcome?: OperationOutcome;
}

/** A runner that takes `ms` per operation and records starts, ends and the peak concurrency. */
function fakeRunner(behaviour: Record<string, Behaviour> = {}) {
  const events: string[] = [];
  const received: Change[] = [];
  const perAccount = new Map<string, number>();
  const peak = { global: 0, perAccount: new Map<string, number>() };
  let inFlight = 0;
  const run = async (c: Change): Promise<OperationOutcome | void> => {
    received.push(c);
    events.push(`start ${c.address}`);
    inFlight++;
    perAccount.set(c.account, (perAccount.get(c.account) ?? 0) + 1);
    peak.global = Math.max(peak.global, inFlight);
    peak.perAccount.set(c.account, Math.max(peak.perAccount.get(c.account) ?? 0, perAccount.get(c.account)!));
    const b = behaviour[c.address] ?? {};
    try {
      await new Promise((resolve) => setTimeout(resolve, b.ms ?? 1));
      if (b.fail) throw b.fail;
      return b.outcome;
    } finally {
      inFlight--;
      perAccount.set(c.account, perAccount.get(c.account)! - 1);
      events.push(`end ${c.address}`);
    }
  };
  return { run, events, received, peak };
}

function execute(changes: Change[], run: ExecuteOptions["run"], extra: Partial<ExecuteOptions> = {}): Promise<ApplyResult> {
  return executePlan(changes, { kinds: KINDS, concurrency: 8, perAccount: 4, accountIds: new Map([["dev", "222222222222"]]), run, ...extra });
}

const addresses = (changes: Change[]) => changes.map((c) => c.address).sort();

function awsError(name: string, message: string, httpStatusCode: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

describe("executePlan ordering", () => {
  it("starts a change only after everything it depends on has finished", async () => {
    // A diamond plus a chain, with the slowest changes first so a scheduler that ignored
    // dependsOn would start dependents while their dependencies still run.
    const a = change("a");
    const b = change("b", { dependsOn: [a.address] });
    const c = change("c", { dependsOn: [a.address] });
    const d = change("d", { dependsOn: [b.address, c.address] });
    const e = change("e", { dependsOn: [d.address] });
    const fake = fakeRunner({ [a.address]: { ms: 15 }, [b.address]: { ms: 10 }, [c.address]: { ms: 2 }, [d.address]: { ms: 5 } });

    const result = await execute([e, d, c, b, a], fake.run);

    expect(addresses(result.applied)).toEqual(addresses([a, b, c, d, e]));
    for (const x of [b, c, d, e]) {
      for (const dep of x.dependsOn) {
        expect(fake.events.indexOf(`start ${x.address}`), `${x.name} after ${dep}`).toBeGreaterThan(fake.events.indexOf(`end ${dep}`));
      }
    }
    // b and c share only a: they run side by side.
    expect(fake.events.indexOf(`start ${c.address}`)).toBeLessThan(fake.events.indexOf(`end ${b.address}`));
  });

  it("skips noop changes and ignores dependencies on changes that are not in the plan", async () => {
    const noop = change("unchanged", { action: "noop" });
    const x = change("x", { dependsOn: [noop.address, "dev/iam/role/elsewhere"] });
    const fake = fakeRunner();

    const result = await execute([noop, x], fake.run);

    expect(fake.received.map((c) => c.address)).toEqual([x.address]);
    expect(result).toMatchObject({ applied: [x], failed: [], notAttempted: [] });
  });

  it("reports changes waiting on each other as a dependency cycle and still runs the rest", async () => {
    const p = change("p", { dependsOn: ["dev/iam/role/q"] });
    const q = change("q", { dependsOn: [p.address] });
    const free = change("free");
    const fake = fakeRunner();

    const result = await execute([p, q, free], fake.run);

    expect(result.applied).toEqual([free]);
    expect(result.notAttempted.map((n) => [n.change.address, n.reason]).sort()).toEqual([
      [p.address, "dependency cycle"],
      [q.address, "dependency cycle"],
    ]);
    expect(fake.received.map((c) => c.address)).toEqual([free.address]);
  });
});

describe("executePlan concurrency", () => {
  it("never runs more operations than the global and per-account bounds, and reaches both", async () => {
    const changes = ["alpha", "beta", "gamma"].flatMap((account) =>
      Array.from({ length: 6 }, (_, i) => change(`r${i}`, { account, accountId: "444444444444" })),
    );
    const fake = fakeRunner(Object.fromEntries(changes.map((c, i) => [c.address, { ms: 2 + (i % 3) }])));

    const result = await execute(changes, fake.run, { concurrency: 4, perAccount: 2 });

    expect(result.applied).toHaveLength(18);
    expect(fake.peak.global).toBe(4);
    expect([...fake.peak.perAccount.values()]).toEqual([2, 2, 2]);
  });

  it("keeps the per-account bound when one account has all the work", async () => {
    const changes = Array.from({ length: 7 }, (_, i) => change(`r${i}`));
    const fake = fakeRunner();

    await execute(changes, fake.run, { concurrency: 10, perAccount: 3 });

    expect(fake.peak.perAccount.get("dev")).toBe(3);
    expect(fake.received).toHaveLength(7);
  });
});

describe("executePlan failures", () => {
  it("does not attempt the transitive dependents of a failure, names its cause, and runs the rest to the end", async () => {
    const base = change("base");
    const child = change("child", { dependsOn: [base.address] });
    const grandchild = change("grandchild", { dependsOn: [child.address] });
    const independent = change("independent");
    // Already running when base fails: it must finish and count as applied.
    const slow = change("slow");
    const afterSlow = change("after-slow", { dependsOn: [slow.address] });
    const fake = fakeRunner({
      [base.address]: { ms: 1, fail: awsError("AccessDenied", "not allowed to create base", 403) },
      [slow.address]: { ms: 20 },
    });

    const failures: string[] = [];
    const result = await execute([base, child, grandchild, independent, slow, afterSlow], fake.run, {
      onFailed: (c, error) => failures.push(`${c.address}: ${error}`),
    });

    expect(result.failed).toEqual([{ change: base, error: "AccessDenied: not allowed to create base" }]);
    expect(failures).toEqual([`${base.address}: AccessDenied: not allowed to create base`]);
    expect(result.notAttempted).toEqual([
      { change: child, reason: `depends on ${base.address}, which failed` },
      { change: grandchild, reason: `depends on ${base.address}, which failed` },
    ]);
    expect(addresses(result.applied)).toEqual(addresses([independent, slow, afterSlow]));
    expect(fake.received.map((c) => c.address)).not.toContain(child.address);
    expect(fake.received.map((c) => c.address)).not.toContain(grandchild.address);
    expect(fake.events.indexOf(`end ${slow.address}`)).toBeGreaterThan(fake.events.indexOf(`end ${base.address}`));
  });

  it("reports a runner that throws synchronously as that change's failure", async () => {
    const bad = change("bad");
    const good = change("good");
    const result = await execute([bad, good], (c) => {
      if (c.address === bad.address) throw new Error("boom");
      return Promise.resolve();
    });

    expect(result.failed).toEqual([{ change: bad, error: "boom" }]);
    expect(result.applied).toEqual([good]);
  });

  it("stops starting work when an outcome cannot be recorded (audit log disk full), and still settles", async () => {
    const first = change("first");
    const second = change("second", { dependsOn: [first.address] });
    const fake = fakeRunner();
    const result = await execute([first, second], fake.run, {
      onApplied: () => {
        throw new Error("ENOSPC: no space left on device");
      },
    });

    expect(result.applied).toEqual([first]);
    expect(result.notAttempted).toEqual([{ change: second, reason: `stopped: recording ${first.address} failed: ENOSPC: no space left on device` }]);
    expect(fake.received.map((c) => c.address)).toEqual([first.address]);
  });
});

describe("executePlan placeholders", () => {
  const create = change("sandbox", { account: "management", accountId: "111111111111", service: "organizations", type: "account" });
  const trustsSandbox = change("ci", {
    dependsOn: [create.address],
    after: { name: "ci", trust: ["arn:aws:iam::${account:sandbox}:root", "arn:aws:iam::${account:dev}:root"] },
  });
  const inSandbox = change("deployer", { account: "sandbox", dependsOn: [create.address] });

  it("substitutes ${account:key} and fills accountId once the account create returns its id", async () => {
    const fake = fakeRunner({ [create.address]: { outcome: { createdAccountId: "333333333333" } } });

    const result = await execute([inSandbox, trustsSandbox, create], fake.run, { accountIds: new Map([["dev", "222222222222"]]) });

    expect(result.failed).toEqual([]);
    const got = new Map(fake.received.map((c) => [c.address, c]));
    expect(got.get(trustsSandbox.address)!.after).toEqual({ name: "ci", trust: ["arn:aws:iam::333333333333:root", "arn:aws:iam::222222222222:root"] });
    expect(got.get(inSandbox.address)!.accountId).toBe("333333333333");
    // The report lists the plan's changes, not the resolved copies.
    expect(result.applied).toContain(trustsSandbox);
  });

  it("does not attempt changes naming an account whose create failed", async () => {
    const fake = fakeRunner({ [create.address]: { fail: awsError("ConstraintViolationException", "account limit reached", 400) } });

    const result = await execute([create, trustsSandbox, inSandbox], fake.run);

    expect(result.failed.map((f) => f.error)).toEqual(["ConstraintViolationException: account limit reached"]);
    expect(result.notAttempted.map((n) => n.reason)).toEqual([
      `depends on ${create.address}, which failed`,
      `depends on ${create.address}, which failed`,
    ]);
    expect(fake.received.map((c) => c.address)).toEqual([create.address]);
  });

  it("fails a change whose placeholder names an account no change creates, without calling the runner for it", async () => {
    const orphan = change("orphan", { after: { trust: ["arn:aws:iam::${account:ghost}:root"] } });
    const fake = fakeRunner();

    const result = await execute([orphan], fake.run);

    expect(result.failed).toEqual([{ change: orphan, error: "account id unknown for ghost: the account was not created" }]);
    expect(fake.received).toEqual([]);
  });
});

describe("the operation retry policy (OPERATION_RETRY through withRetries)", () => {
  afterEach(() => vi.useRealTimers());

  /** Runs `fn` under the runner's own policy on a fake clock; returns the calls made and the waits between them. */
  async function underPolicy<T>(fn: () => Promise<T>) {
    vi.useFakeTimers();
    const waits: number[] = [];
    const outcome = withRetries(fn, { ...OPERATION_RETRY, onRetry: (_err, _n, delayMs) => waits.push(delayMs) }).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.runAllTimersAsync();
    return { ...(await outcome), waits };
  }

  it("retries Organizations' concurrent modification and gives up after the 5th attempt with the last error", async () => {
    const error = awsError("ConcurrentModificationException", "busy", 400);
    let calls = 0;
    const got = await underPolicy(async () => {
      calls++;
      throw error;
    });

    expect(got).toMatchObject({ error });
    expect(calls).toBe(5);
    // Exponential backoff with full jitter: wait n is at most 1 s * 2^(n-1).
    expect(got.waits).toHaveLength(4);
    got.waits.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(1000 * 2 ** i));
  });

  it("returns the result once a concurrent modification clears", async () => {
    let calls = 0;
    const got = await underPolicy(async () => {
      if (++calls < 3) throw awsError("ConcurrentModificationException", "busy", 400);
      return "done";
    });

    expect(got).toMatchObject({ value: "done" });
    expect(calls).toBe(3);
  });

  // Each call already spent the one retry budget on these (SDK retries, or sendOnce):
  // retrying the operation again would stack budgets (5 x 5 = 25 attempts).
  it.each([
    ["throttling", awsError("ThrottlingException", "Rate exceeded", 400)],
    ["HTTP 429", awsError("TooManyRequestsException", "slow down", 429)],
    ["a 5xx", awsError("InternalFailure", "oops", 500)],
  ])("does not retry %s a second time on top of the per-call budget", async (_, error) => {
    let calls = 0;
    const got = await underPolicy(async () => {
      calls++;
      throw error;
    });

    expect(got).toMatchObject({ error });
    expect(calls).toBe(1);
  });

  it.each([
    ["access denied", awsError("AccessDenied", "no", 403)],
    ["an entity that already exists", awsError("EntityAlreadyExists", "role exists", 409)],
    ["a validation error", awsError("ValidationException", "bad input", 400)],
    ["a busy AppConfig environment", new EnvironmentBusyError("a deployment is already running")],
  ])("fails at once on %s", async (_, error) => {
    let calls = 0;
    const got = await underPolicy(async () => {
      calls++;
      throw error;
    });

    expect(got).toMatchObject({ error });
    expect(calls).toBe(1);
  });
});

describe("formatResult", () => {
  it("lists applied, failed and not-attempted changes exactly, then how to continue", async () => {
    const base = change("base");
    const child = change("child", { dependsOn: [base.address] });
    const ok = change("ok", { action: "update" });
    const fake = fakeRunner({ [base.address]: { fail: awsError("LimitExceeded", "too many roles", 409) } });

    const result = await execute([ok, base, child], fake.run);

    expect(formatResult(result)).toBe(
      [
        "Applied (1):",
        "  dev/iam/role/ok (update)",
        "Failed (1):",
        "  dev/iam/role/base (create): LimitExceeded: too many roles",
        "Not attempted (1):",
        "  dev/iam/role/child (create): depends on dev/iam/role/base, which failed",
        "Apply incomplete: 1 applied, 1 failed, 1 not attempted. Fix the cause and run apply again: the next plan shows only what is left.",
        "",
      ].join("\n"),
    );
  });

  it("says the apply is complete when everything was applied", async () => {
    const result = await execute([change("a"), change("b", { action: "delete" })], fakeRunner().run);

    expect(formatResult(result)).toBe(
      ["Applied (2):", "  dev/iam/role/a (create)", "  dev/iam/role/b (delete)", "Apply complete: 2 change(s) applied.", ""].join("\n"),
    );
  });
});
