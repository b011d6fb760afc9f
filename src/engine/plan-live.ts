// The one path from a desired state to a plan, shared by `orgctl plan`, `orgctl apply`
// and the GitHub Action: read live state with the run's clients, then diff.
import type { ClientFactory } from "../aws/clients.js";
import type { DesiredState } from "../model/types.js";
import { unknownAwsManagedPolicies } from "../providers/iam/managed-policy-check.js";
import { readLiveState, type ReadLiveOptions } from "../providers/read-live.js";
import { buildPlan } from "./plan.js";
import type { LiveState, Plan } from "./types.js";

export interface PlanLiveOptions {
  clients: ClientFactory;
  /** GetCallerIdentity ARN of the run's credentials: its role is never changed. */
  callerArn: string;
  accessRole: string;
  commit?: string;
  concurrency?: number;
  onProgress?: ReadLiveOptions["onProgress"];
  /** A scoped read (--changed-since, --shard): fewer accounts, fewer organization tags. */
  scope?: Pick<ReadLiveOptions, "accounts" | "organizationTags" | "skipOrganization">;
}

export async function planLive(desired: DesiredState, opts: PlanLiveOptions): Promise<Plan> {
  // Before the reads, not beside them: readers release an account's clients when done.
  const unknownManagedPolicies = await unknownAwsManagedPolicies(desired, opts.clients);
  const live = await readWithRetries(desired, opts);
  live.unknownManagedPolicies = unknownManagedPolicies;
  live.apiCalls = { ...opts.clients.apiCalls };
  return buildPlan(desired, live, {
    ...(opts.commit ? { commit: opts.commit } : {}),
    paths: desired.files,
    prune: desired.settings.prune,
    accessRole: opts.accessRole,
    callerRoleArn: opts.callerArn,
  });
}

/**
 * Accounts whose read failed are read again (twice at most): one unlucky throttle or a
 * dropped connection should not turn a plan into an error, nor stop an apply.
 */
async function readWithRetries(desired: DesiredState, opts: PlanLiveOptions): Promise<LiveState> {
  const read = (extra: Partial<ReadLiveOptions>) =>
    readLiveState(desired, { clients: opts.clients, concurrency: opts.concurrency, onProgress: opts.onProgress, ...opts.scope, ...extra });
  const live = await read({});
  for (let round = 0; round < 2 && live.errors.length > 0 && live.organization !== undefined; round++) {
    const keys = live.errors.map((e) => e.account).filter((k) => desired.accounts.some((a) => a.key === k));
    if (keys.length !== live.errors.length) break;
    const again = await read({ accounts: keys, onProgress: undefined });
    Object.assign(live.accounts, again.accounts);
    live.errors = again.errors;
    live.apiCalls = again.apiCalls; // the clients count every call of the run

  }
  return live;
}
