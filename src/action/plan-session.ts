// Loads the YAML and computes a fresh plan in-process, keeping the AWS clients open so
// apply can reuse the sessions. YAML errors become file annotations on the PR, and a
// failure carries its diagnostics so the PR comment can say what went wrong.
import { relative, resolve } from "node:path";
import * as core from "@actions/core";
import { formatDiagnostic, loadDesiredState, type Diagnostic } from "../config/index.js";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { planLive } from "../engine/plan-live.js";
import { restrictPlan } from "../engine/scope.js";
import type { Plan } from "../engine/types.js";
import { readScope } from "../engine/scope.js";
import { planSelection } from "../cli/plan-scope.js";
import { DEFAULT_ACCESS_ROLE, type DesiredState } from "../model/types.js";
import { maskSensitiveContent } from "./secrets.js";
import { KINDS } from "../kinds/registry.js";

export interface PlanSession {
  desired: DesiredState;
  plan: Plan;
  clients: ClientFactory;
  accessRole: string;
  callerArn: string;
}

export interface PlanSessionOptions {
  concurrency?: number;
  commit?: string;
  /** Becomes the STS RoleSessionName, so CloudTrail shows which run acted. */
  runId?: string;
  /** Plan only the accounts whose desired state changed since this commit (pull requests). */
  changedSince?: string;
}

/** Why no plan could be made, with the lines a reader needs (diagnostics as file:line:col). */
export class PlanFailed extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export async function openPlanSession(path: string, opts: PlanSessionOptions): Promise<PlanSession> {
  const loaded = await loadDesiredState(path);
  for (const d of loaded.warnings) core.warning(formatDiagnostic(d), annotation(d));
  for (const d of loaded.errors) core.error(formatDiagnostic(d), annotation(d));
  if (!loaded.state) throw new PlanFailed(`invalid desired state in ${path}: ${loaded.errors.length} error(s)`, loaded.errors.map(formatDiagnostic));
  const desired = loaded.state;
  maskSensitiveContent(desired);

  const accessRole = desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE;
  const clients = new ClientFactory(new SessionBroker({ accessRole, runId: opts.runId }));
  try {
    const selection = opts.changedSince ? await scopeOrAll(desired, path, opts.changedSince) : undefined;
    const caller = await clients.broker.callerIdentity();
    const full = await planLive(desired, {
      kinds: KINDS,
      clients,
      callerArn: caller.arn,
      accessRole,
      commit: opts.commit,
      concurrency: opts.concurrency,
      scope: readScope(desired, selection),
    });
    const plan = selection ? restrictPlan(full, selection) : full;
    return { desired, plan, clients, accessRole, callerArn: caller.arn };
  } catch (err) {
    clients.destroy();
    if (err instanceof PlanFailed) throw err;
    throw new PlanFailed(`plan failed for ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A base commit the checkout lacks (shallow clone) is no reason to fail: plan everything and say why. */
async function scopeOrAll(desired: DesiredState, path: string, base: string) {
  try {
    return await planSelection(desired, path, { changedSince: base });
  } catch (err) {
    core.warning(`planning everything: cannot compare with the base commit ${base.slice(0, 7)} (${err instanceof Error ? err.message : String(err)}); check out with fetch-depth: 0 to plan only what changed`);
    return undefined;
  }
}

/** Annotations name files from the repository root, whatever the working directory. */
function annotation(d: Diagnostic): core.AnnotationProperties {
  const file = relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), resolve(d.file));
  return d.line > 0 ? { file, startLine: d.line, startColumn: d.col } : { file };
}
