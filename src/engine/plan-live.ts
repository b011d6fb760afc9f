// The one path from a desired state to a plan, shared by `orgctl plan`, `orgctl apply`
// and the GitHub Action: read live state with the run's clients, then diff.
import type { ClientFactory } from "../aws/clients.js";
import type { DesiredState } from "../model/types.js";
import { unknownAwsManagedPolicies } from "../providers/iam/managed-policy-check.js";
import { readLiveState, type ReadLiveOptions } from "../providers/read-live.js";
import { buildPlan } from "./plan.js";
import type { RoleResource } from "./resources.js";
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
  const live = await readWithRetries(desired, opts);
  const build = () =>
    buildPlan(desired, live, {
      ...(opts.commit ? { commit: opts.commit } : {}),
      paths: desired.files,
      prune: desired.settings.prune,
      accessRole: opts.accessRole,
      callerRoleArn: opts.callerArn,
    });
  const plan = build();
  // Only policies the plan would newly attach can be misspelt ones: in a converged
  // organization this costs no call at all.
  const unknown = await unknownAwsManagedPolicies(newlyAttached(plan), opts.clients);
  live.apiCalls = { ...opts.clients.apiCalls };
  if (unknown.length === 0) return { ...plan, apiCalls: live.apiCalls };
  live.unknownManagedPolicies = unknown;
  return build();
}

function newlyAttached(plan: Plan): string[] {
  const arns = new Set<string>();
  for (const change of plan.changes) {
    if (change.type !== "role" || change.after === null) continue;
    const before = new Set((change.before as RoleResource | null)?.managedPolicies ?? []);
    for (const arn of (change.after as RoleResource).managedPolicies) if (!before.has(arn)) arns.add(arn);
  }
  return [...arns];
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
