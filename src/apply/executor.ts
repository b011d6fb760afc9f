// The DAG executor: runs a plan's changes as soon as everything they depend on has
// been applied, with a global and a per-account bound on concurrent operations. A
// failed change stops its dependents from being scheduled; operations already running
// finish; the result lists exactly what was applied, failed and not attempted.
import { describeAwsError } from "../aws/errors.js";
import type { KindRegistry } from "../engine/kind.js";
import { executionDependencies } from "./order.js";
import { resolveChange } from "./placeholders.js";
import { Schedule } from "./schedule.js";
import type { OperationOutcome } from "../engine/operation.js";
import type { Change } from "../engine/types.js";

export type { OperationOutcome } from "../engine/operation.js";

/** Runs one change (placeholders already resolved, accountId set when known). */
export type RunChange = (change: Change) => Promise<OperationOutcome | void>;

export interface ExecuteOptions {
  /** Kinds say which changes must not run at the same time (order.ts). */
  kinds: KindRegistry;
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
  const schedule = new Schedule(work, executionDependencies(work, opts.kinds), opts);
  const ids = new Map(opts.accountIds);
  /** Values of references operations made known (a new application's id), by reference text. */
  const values = new Map<string, string>();
  const result: ApplyResult = { applied: [], failed: [], notAttempted: [] };
  /** Dependents of failures, reported once the failure's outcome is recorded. */
  let skipped: { change: Change; reason: string }[] = [];
  /** Set when recording an outcome failed (e.g. the audit log's disk is full): start nothing more. */
  let stopped: string | undefined = opts.signal?.aborted ? "interrupted before it started" : undefined;

  return new Promise<ApplyResult>((resolve) => {
    const finish = (change: Change, error?: unknown) => {
      // Dependents of a failure are never started; they inherit its root cause.
      if (error === undefined) schedule.succeeded(change);
      else skipped.push(...schedule.failed(change).map((c) => ({ change: c, reason: `depends on ${change.address}, which failed` })));
      try {
        if (error === undefined) {
          result.applied.push(change);
          opts.onApplied?.(change);
        } else {
          const message = describeAwsError(error);
          result.failed.push({ change, error: message });
          opts.onFailed?.(change, message);
        }
      } catch (err) {
        stopped ??= `stopped: recording ${change.address} failed: ${err instanceof Error ? err.message : String(err)}`;
      }
      startWhatCan();
    };

    const startWhatCan = () => {
      if (stopped !== undefined) {
        const order = new Map(work.map((c, i) => [c, i]));
        const rest = [...skipped.map((s) => s.change), ...schedule.giveUpRest()].sort((a, b) => order.get(a)! - order.get(b)!);
        for (const change of rest) result.notAttempted.push({ change, reason: stopped });
        skipped = [];
      }
      result.notAttempted.push(...skipped);
      skipped = [];
      for (let change = schedule.next(); change; change = schedule.next()) {
        const started = change;
        start(started).then(
          () => finish(started),
          (err: unknown) => finish(started, err),
        );
      }
      if (schedule.running > 0) return;
      // Nothing runs and nothing can start: what is left waits on a cycle.
      for (const change of schedule.giveUpRest()) result.notAttempted.push({ change, reason: "dependency cycle" });
      resolve(result);
    };

    opts.signal?.addEventListener("abort", () => {
      stopped ??= "interrupted before it started";
      if (schedule.running > 0) startWhatCan();
    });

    const start = async (change: Change) => {
      const outcome = await opts.run(resolveChange(change, ids, values));
      if (outcome?.createdAccountId && change.type === "account") ids.set(change.name, outcome.createdAccountId);
      for (const [reference, value] of Object.entries(outcome?.resolved ?? {})) values.set(reference, value);
    };

    startWhatCan();
  });
}
