// The one apply pipeline behind `orgctl apply` and the GitHub Action:
//   refusals → lock → re-derive and compare → refusals → execute → audit → report.
// The lock comes first so that what is re-derived cannot change under another apply
// before it executes. Every refusal happens before the first write.
import type { KindRegistry } from "../engine/kind.js";
import type { ClientFactory } from "../aws/clients.js";
import { executePlan, type ApplyResult } from "./executor.js";
import type { AuditLog } from "./audit.js";
import { operationRunner } from "./operations.js";
import { refusals } from "./refusals.js";
import { hasChanges } from "../engine/plan.js";
import { SensitiveContentMissing, withSensitiveContent } from "../engine/sensitive.js";
import type { Change, Plan } from "../engine/types.js";
import type { DesiredState } from "../model/types.js";
import { describeDifference } from "./claim.js";
import { claimedDiffers } from "../engine/claimed.js";
import { watchInterrupts } from "./interrupt.js";
import { acquireLock, type ApplyLock } from "./lock.js";
import { rederive } from "./rederive.js";
import { ACCOUNT_SERVICES, releaseAfterLast } from "./release-clients.js";

export interface ApplyRequest {
  /** The resource kinds (src/kinds/registry.ts): the pipeline itself names none. */
  kinds: KindRegistry;
  desired: DesiredState;
  clients: ClientFactory;
  accessRole: string;
  callerArn: string;
  /**
   * The plan to apply: a saved file or one just made and shown. Either way it is a claim:
   * under the lock it is derived again, and only an equal result is executed.
   */
  plan: Plan;
  concurrency: number;
  perAccount: number;
  wait: boolean;
  allowCloseAccounts: boolean;
  /** Who holds the lock while this runs (a person@host, or the CI run). */
  holder: string;
  runId: string;
  audit?: AuditLog;
  progress: (line: string) => void;
  onApplied?: (change: Change) => void;
  onFailed?: (change: Change, error: string) => void;
  /** Grace period for running operations after Ctrl-C (default INTERRUPT_GRACE_MS, 30 s). */
  interruptGraceMs?: number;
}

export type ApplyOutcome =
  | { kind: "refused"; reason: string }
  | { kind: "nothing"; reason: "no-changes" | "already-applied" }
  | {
      kind: "executed";
      plan: Plan;
      result: ApplyResult;
      interrupted: boolean;
      inFlight: Change[];
      /** Set when the lock could not be released: every later apply is refused until `orgctl unlock`. */
      lockLeft?: string;
    };

export async function runApplyPipeline(req: ApplyRequest): Promise<ApplyOutcome> {
  const early = earlyRefusal(req.plan, req);
  if (early) return early;
  const edited = claimedDiffers(req.plan);
  if (edited) return { kind: "refused", reason: edited };
  if (!hasChanges(req.plan)) return { kind: "nothing", reason: "no-changes" };

  let lock: ApplyLock;
  try {
    lock = await takeLock(req);
  } catch (err) {
    return { kind: "refused", reason: err instanceof Error ? err.message : String(err) };
  }
  const release = () =>
    lock.release().then(
      () => undefined,
      (err: unknown) => `the apply lock could not be released (${err instanceof Error ? err.message : String(err)}): later applies are refused until orgctl unlock ${req.runId}`,
    );
  let outcome: ApplyOutcome;
  try {
    outcome = await deriveAndExecute(req);
  } catch (err) {
    await release();
    throw err;
  }
  const left = await release();
  if (left === undefined) return outcome;
  req.progress(`error: ${left}`);
  return outcome.kind === "executed" ? { ...outcome, lockLeft: left } : outcome;
}

async function deriveAndExecute(req: ApplyRequest): Promise<ApplyOutcome> {
  const derived = await rederive(req.plan, req.desired, { kinds: req.kinds, clients: req.clients, callerArn: req.callerArn, accessRole: req.accessRole, concurrency: req.concurrency });
  if (derived.outcome === "already-applied") return { kind: "nothing", reason: "already-applied" };
  if (derived.outcome === "differs") {
    const [first, ...rest] = derived.differences.map(describeDifference);
    return { kind: "refused", reason: `the plan no longer matches the YAML and live state: ${first}; run plan again${rest.map((r) => `\n  also: ${r}`).join("")}` };
  }
  const again = earlyRefusal(derived.plan, req);
  if (again) return again;
  // Plans never hold sensitive content: it comes from the YAML whose digest the plan records.
  let executable: Plan;
  try {
    executable = withSensitiveContent(derived.plan, req.desired, req.kinds);
  } catch (err) {
    if (err instanceof SensitiveContentMissing) return { kind: "refused", reason: `${err.message}; nothing was applied` };
    throw err;
  }
  return execute(executable, req);
}

function earlyRefusal(plan: Plan, req: ApplyRequest): ApplyOutcome | undefined {
  const refused = refusals(plan, { kinds: req.kinds, accessRole: req.accessRole, callerArn: req.callerArn, allowCloseAccounts: req.allowCloseAccounts });
  if (refused.length > 0) return { kind: "refused", reason: `${refused[0]}; nothing was applied${refused.slice(1).map((r) => `\n  also ${r}`).join("")}` };
  if (plan.errors.length > 0) return { kind: "refused", reason: `the plan could not read ${plan.errors.map((e) => e.account).join(", ")}: run plan again once they are reachable` };
  return undefined;
}

/** The management account holds the lock; without an organization, the caller's own account. */
async function takeLock(req: ApplyRequest): Promise<ApplyLock> {
  const caller = await req.clients.broker.callerIdentity();
  const accountId = req.desired.organization?.managementAccount ?? caller.account;
  return acquireLock(await req.clients.iam(accountId), accountId, { holder: req.holder, runId: req.runId });
}

async function execute(plan: Plan, req: ApplyRequest): Promise<ApplyOutcome> {
  const interrupt = watchInterrupts(req.interruptGraceMs, (name) => req.progress(`${name}: starting nothing more; waiting for running operations to finish (Ctrl-C again to stop waiting)`));
  const started = new Set<Change>();
  const settled = new Set<string>();
  const applied: Change[] = [];
  const failed: ApplyResult["failed"] = [];
  const run = operationRunner({
    clients: req.clients,
    managementAccountId: req.desired.organization?.managementAccount ?? "",
    wait: req.wait,
    allowCloseAccounts: req.allowCloseAccounts,
    progress: req.progress,
    createdRoles: new Set(),
    owner: req.desired.settings.owner,
    protectedRoles: { accessRole: req.accessRole, callerArn: req.callerArn },
  }, req.kinds);
  const settle = releaseAfterLast(
    plan.changes.filter((c) => c.action !== "noop"),
    (c) => {
      if (c.accountId !== undefined) req.clients.release(c.accountId, ACCOUNT_SERVICES);
    },
  );
  try {
    const execution = executePlan(plan.changes, {
      kinds: req.kinds,
      concurrency: req.concurrency,
      perAccount: req.perAccount,
      accountIds: new Map(plan.accounts.flatMap((a) => (a.id ? [[a.key, a.id] as const] : []))),
      signal: interrupt.signal,
      run: (change) => {
        started.add(change);
        return run(change);
      },
      onApplied: (c) => {
        settled.add(c.address);
        settle(c);
        applied.push(c);
        req.audit?.record({ account: c.account, accountId: c.accountId, address: c.address, operation: c.action, result: "applied" });
        req.onApplied?.(c);
      },
      onFailed: (c, error) => {
        settled.add(c.address);
        settle(c);
        failed.push({ change: c, error });
        req.audit?.record({ account: c.account, accountId: c.accountId, address: c.address, operation: c.action, result: "failed", error });
        req.onFailed?.(c, error);
      },
    });
    const result = await Promise.race([execution, interrupt.graceOver.then(() => undefined)]);
    const interrupted = interrupt.signal.aborted;
    if (result) return { kind: "executed", plan, result, interrupted, inFlight: [] };
    // The grace period ran out: report what finished, and what is still running as unknown.
    const inFlight = [...started].filter((c) => !settled.has(c.address));
    for (const c of inFlight) req.audit?.record({ account: c.account, accountId: c.accountId, address: c.address, operation: c.action, result: "in-flight" });
    const startedAddresses = new Set([...started].map((c) => c.address));
    const notStarted = plan.changes.filter((c) => c.action !== "noop" && !startedAddresses.has(c.address));
    return {
      kind: "executed",
      plan,
      interrupted,
      inFlight,
      result: { applied, failed, notAttempted: notStarted.map((change) => ({ change, reason: "interrupted before it started" })) },
    };
  } finally {
    interrupt.dispose();
  }
}
