// Loads the YAML and computes a fresh plan in-process, keeping the AWS clients open so
// apply can reuse the sessions. YAML errors become file annotations on the PR.
import { relative, resolve } from "node:path";
import * as core from "@actions/core";
import { formatDiagnostic, loadDesiredState, type Diagnostic } from "../config/index.js";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { planLive } from "../engine/plan-live.js";
import type { Plan } from "../engine/types.js";
import { DEFAULT_ACCESS_ROLE, type DesiredState } from "../model/types.js";
import { maskSensitiveContent } from "./secrets.js";

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
}

export async function openPlanSession(path: string, opts: PlanSessionOptions): Promise<PlanSession> {
  const loaded = await loadDesiredState(path);
  for (const d of loaded.warnings) core.warning(formatDiagnostic(d), annotation(d));
  for (const d of loaded.errors) core.error(formatDiagnostic(d), annotation(d));
  if (!loaded.state) throw new Error(`invalid desired state in ${path}: ${loaded.errors.length} error(s)`);
  const desired = loaded.state;
  maskSensitiveContent(desired);

  const accessRole = desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE;
  const clients = new ClientFactory(new SessionBroker({ accessRole, runId: opts.runId }));
  try {
    const caller = await clients.broker.callerIdentity();
    const plan = await planLive(desired, { clients, callerArn: caller.arn, accessRole, commit: opts.commit, concurrency: opts.concurrency });
    return { desired, plan, clients, accessRole, callerArn: caller.arn };
  } catch (err) {
    clients.destroy();
    throw err;
  }
}

/** Annotations name files from the repository root, whatever the working directory. */
function annotation(d: Diagnostic): core.AnnotationProperties {
  const file = relative(process.env.GITHUB_WORKSPACE ?? process.cwd(), resolve(d.file));
  return d.line > 0 ? { file, startLine: d.line, startColumn: d.col } : { file };
}
