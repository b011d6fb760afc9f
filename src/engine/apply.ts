// The DAG executor: runs a plan's changes as soon as everything they depend on has
// been applied, with a global and a per-account bound on concurrent operations. A
// failed change stops its dependents from being scheduled; operations already running
// finish; the result lists exactly what was applied, failed and not attempted.
import { describeAwsError } from "../aws/errors.js";
import { executionDependencies } from "./apply-order.js";
import { resolveChange } from "./apply-placeholders.js";
import type { Change } from "./types.js";

export interface OperationOutcome {
  /** The id of an account the operation created, for `${account:<key>}` placeholders. */
  createdAccountId?: string;
}

/** Runs one change (placeholders already resolved, accountId set when known). */
export type RunChange = (change: Change) => Promise<OperationOutcome | void>;

export interface ExecuteOptions {
  concurrency: number;
  perAccount: number;
  /** Known account ids by key (from the plan); created accounts are added as they appear. */
  accountIds: ReadonlyMap<string, string>;
  run: RunChange;
  onApplied?: (change: Change) => void;
  onFailed?: (change: Change, error: string) => void;
  /** Aborted (SIGINT/SIGTERM): start nothing more; what runs finishes. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  applied: Change[];
  failed: { change: Change; error: string }[];
  notAttempted: { change: Change; reason: string }[];
}

export async function executePlan(changes: Change[], opts: ExecuteOptions): Promise<ApplyResult> {
  const work = changes.filter((c) => c.action !== "noop");
  const deps = executionDependencies(work);
  const ids = new Map(opts.accountIds);
  const result: ApplyResult = { applied: [], failed: [], notAttempted: [] };
  const done = new Set<string>();
  const blocked = new Map<string, string>();
  const pending = new Map(work.map((c) => [c.address, c]));
  const runningPerAccount = new Map<string, number>();
  let running = 0;
  /** Set when recording an outcome failed (e.g. the audit log's disk is full): start nothing more. */
  let stopped: string | undefined = opts.signal?.aborted ? "interrupted before it started" : undefined;

  return new Promise<ApplyResult>((resolve) => {
    const finish = (change: Change, error?: unknown) => {
      running--;
      runningPerAccount.set(change.account, (runningPerAccount.get(change.account) ?? 1) - 1);
      try {
        if (error === undefined) {
          done.add(change.address);
          result.applied.push(change);
          opts.onApplied?.(change);
        } else {
          const message = describeAwsError(error);
          blocked.set(change.address, change.address);
          result.failed.push({ change, error: message });
          opts.onFailed?.(change, message);
        }
      } catch (err) {
        stopped ??= `stopped: recording ${change.address} failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      schedule();
    };

    // Dependents of a failure are never started; they inherit its root cause.
    const skipDependentsOfFailures = () => {
      for (let changed = true; changed; ) {
        changed = false;
        for (const [address, change] of pending) {
          const failedDep = (deps.get(address) ?? []).find((d) => blocked.has(d));
          if (failedDep === undefined) continue;
          const cause = blocked.get(failedDep)!;
          pending.delete(address);
          blocked.set(address, cause);
          result.notAttempted.push({ change, reason: `depends on ${cause}, which failed` });
          changed = true;
        }
      }
    };

    const schedule = () => {
      if (stopped !== undefined) {
        for (const change of pending.values()) result.notAttempted.push({ change, reason: stopped });
        pending.clear();
      }
      skipDependentsOfFailures();
      for (const [address, change] of pending) {
        if (!(deps.get(address) ?? []).every((d) => done.has(d))) continue;
        if (running >= opts.concurrency || (runningPerAccount.get(change.account) ?? 0) >= opts.perAccount) continue;
        pending.delete(address);
        running++;
        runningPerAccount.set(change.account, (runningPerAccount.get(change.account) ?? 0) + 1);
        start(change).then(
          () => finish(change),
          (err: unknown) => finish(change, err),
        );
      }
      if (running > 0) return;
      // Nothing runs and nothing can start: what is left waits on a cycle.
      for (const change of pending.values()) result.notAttempted.push({ change, reason: "dependency cycle" });
      pending.clear();
      resolve(result);
    };

    opts.signal?.addEventListener("abort", () => {
      stopped ??= "interrupted before it started";
      if (running > 0) schedule();
    });

    const start = async (change: Change) => {
      const outcome = await opts.run(resolveChange(change, ids));
      if (outcome?.createdAccountId && change.type === "account") ids.set(change.name, outcome.createdAccountId);
    };

    schedule();
  });
}
