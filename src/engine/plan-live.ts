// The one path from a desired state to a plan, shared by `orgctl plan`, `orgctl apply`
// and the GitHub Action: read live state with the run's clients, then diff. A family may
// check something that needs the plan first (recheck); what it finds goes into the live
// state and the plan is built again.
import type { ClientFactory } from "../aws/clients.js";
import type { DesiredState } from "../model/types.js";
import type { KindRegistry } from "./kind.js";
import { buildPlan } from "./plan.js";
import { readLiveState, type ReadLiveOptions } from "./read-live.js";
import type { LiveState, Plan } from "./types.js";

export interface PlanLiveOptions {
  kinds: KindRegistry;
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
  let live = await readWithRetries(desired, opts);
  const build = () =>
    buildPlan(desired, live, {
      kinds: opts.kinds,
      ...(opts.commit ? { commit: opts.commit } : {}),
      paths: desired.files,
      prune: desired.settings.prune,
      accessRole: opts.accessRole,
      callerRoleArn: opts.callerArn,
    });
  const plan = build();
  const found: Partial<LiveState>[] = [];
  for (const family of opts.kinds.families) {
    const facts = await family.recheck?.(plan, opts.clients);
    if (facts) found.push(facts);
  }
  live = { ...live, ...Object.assign({}, ...found), apiCalls: { ...opts.clients.apiCalls } };
  if (found.length === 0) return { ...plan, apiCalls: live.apiCalls };
  return build();
}

/**
 * Accounts whose read failed are read again (twice at most): one unlucky throttle or a
 * dropped connection should not turn a plan into an error, nor stop an apply.
 */
async function readWithRetries(desired: DesiredState, opts: PlanLiveOptions): Promise<LiveState> {
  const read = (extra: Partial<ReadLiveOptions>) =>
    readLiveState(desired, { kinds: opts.kinds, clients: opts.clients, concurrency: opts.concurrency, onProgress: opts.onProgress, ...opts.scope, ...extra });
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
