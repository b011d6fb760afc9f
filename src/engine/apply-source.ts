// Where apply's plan comes from: a saved plan file (checked against the desired state
// it was made from and against the live state now), or a desired-state path planned
// on the spot.
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import type { ClientFactory } from "../aws/clients.js";
import { formatDiagnostic, loadDesiredState } from "../config/index.js";
import type { DesiredState } from "../model/types.js";
import { readLiveState } from "../providers/read-live.js";
import { parsePlan } from "./plan-file.js";
import { buildPlan } from "./plan.js";
import type { LiveState, Plan } from "./types.js";

export class PlanRefused extends Error {}

/** The parsed plan when `input` is a plan file (JSON with formatVersion), else undefined. */
export async function readPlanFile(input: string): Promise<Plan | undefined> {
  if (!(await stat(input).catch(() => undefined))?.isFile()) return undefined;
  const text = await readFile(input, "utf8");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined; // YAML, or anything else that is not a plan
  }
  if (data === null || typeof data !== "object" || !("formatVersion" in data)) return undefined;
  return parsePlan(text);
}

export async function loadDesired(input: string): Promise<DesiredState> {
  const loaded = await loadDesiredState(input);
  for (const d of [...loaded.errors, ...loaded.warnings]) process.stderr.write(formatDiagnostic(d) + "\n");
  if (!loaded.state) throw new PlanRefused(`invalid desired state: ${loaded.errors.length} error(s)`);
  return loaded.state;
}

/** The desired state a saved plan names, when it is given or its source files still exist. */
export async function desiredForPlan(plan: Plan, given: string | undefined): Promise<DesiredState | undefined> {
  const root = given ?? plan.source.paths[0];
  if (root === undefined || (given === undefined && !plan.source.paths.every((p) => existsSync(p)))) return undefined;
  const desired = await loadDesired(root);
  if (desired.digest !== plan.desiredDigest) {
    throw new PlanRefused(`the plan was made from a different desired state than ${root} (digest ${plan.desiredDigest.slice(0, 12)} vs ${desired.digest.slice(0, 12)}); run plan again`);
  }
  return desired;
}

export interface FreshPlanOptions {
  clients: ClientFactory;
  accessRole: string;
  callerArn: string;
  concurrency: number;
}

export async function planNow(desired: DesiredState, opts: FreshPlanOptions): Promise<Plan> {
  const live = await readWithRetries(desired, opts);
  return buildPlan(desired, live, { paths: desired.files, prune: desired.settings.prune, accessRole: opts.accessRole, callerRoleArn: opts.callerArn });
}

/**
 * Accounts whose read failed for a transient reason are read again (twice at most):
 * applying needs every account, and one unlucky throttle should not stop the run.
 */
async function readWithRetries(desired: DesiredState, opts: FreshPlanOptions): Promise<LiveState> {
  const live = await readLiveState(desired, { clients: opts.clients, concurrency: opts.concurrency });
  for (let round = 0; round < 2 && live.errors.length > 0 && live.organization !== undefined; round++) {
    const keys = live.errors.map((e) => e.account).filter((k) => desired.accounts.some((a) => a.key === k));
    if (keys.length !== live.errors.length) break;
    const again = await readLiveState(desired, { clients: opts.clients, concurrency: opts.concurrency, accounts: keys });
    Object.assign(live.accounts, again.accounts);
    live.errors = again.errors;
  }
  return live;
}
