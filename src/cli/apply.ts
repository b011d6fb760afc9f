import { createInterface } from "node:readline/promises";
import { InvalidArgumentError, type Command } from "commander";
import { existsSync } from "node:fs";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { randomUUID } from "node:crypto";
import { hostname, userInfo } from "node:os";
import { runApplyPipeline } from "../apply/pipeline.js";
import type { Plan } from "../engine/types.js";
import { AuditLog, DEFAULT_AUDIT_LOG } from "../apply/audit.js";
import { formatResult } from "../apply/report.js";
import { desiredForPlan, loadDesired, PlanRefused, readPlanFile } from "../apply/source.js";
import { planLive } from "../engine/plan-live.js";
import { hasChanges } from "../engine/plan.js";
import { DEFAULT_CONCURRENCY } from "../engine/read-live.js";
import { renderText } from "../render/text.js";
import { DEFAULT_ACCESS_ROLE, type DesiredState } from "../model/types.js";
import { UserError } from "./errors.js";
import { KINDS } from "../kinds/registry.js";

/** IAM and Organizations throttle per account: a few operations at a time in each. */
const PER_ACCOUNT_CONCURRENCY = 4;

interface ApplyFlags {
  autoApprove?: boolean;
  color: boolean;
  wait: boolean;
  concurrency: number;
  auditLog: string;
  allowCloseAccounts?: boolean;
}

export function register(program: Command): void {
  program
    .command("apply")
    .description("Apply a saved plan, or plan the desired state and apply it (exit 0 done, 1 failure or refusal). A saved plan is applied without asking: it was reviewed when it was made.")
    .argument("[input]", "a plan file from `orgctl plan --out`, or a desired-state YAML file or directory (default: ./orgctl.yaml if present, else .)")
    .argument("[desired]", "with a plan file: the desired state the plan must have been made from")
    .option("--auto-approve", "apply without asking for confirmation")
    .option("--no-color", "plain text output")
    .option("--no-wait", "start AppConfig deployments without waiting for them to complete")
    .option("--concurrency <n>", "operations run in parallel", positiveInt, DEFAULT_CONCURRENCY)
    .option("--audit-log <file>", "append one JSON line per operation to this file", DEFAULT_AUDIT_LOG)
    .option("--allow-close-accounts", "allow a plan to close AWS accounts")
    .action(async (input: string | undefined, desiredPath: string | undefined, flags: ApplyFlags) => {
      try {
        process.exitCode = await run(input ?? (existsSync("orgctl.yaml") ? "orgctl.yaml" : "."), desiredPath, flags);
      } catch (err) {
        if (err instanceof PlanRefused) throw new UserError(err.message);
        throw err;
      }
    });
}

async function run(input: string, desiredPath: string | undefined, flags: ApplyFlags): Promise<number> {
  const saved = await readPlanFile(input);
  const desired = saved ? await desiredForPlan(saved, desiredPath) : await loadDesired(input);
  // The YAML says which role reaches accounts (and is protected), never the plan file.
  const accessRole = desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE;
  if (saved?.accessRole !== undefined && saved.accessRole !== accessRole) {
    throw new UserError(`the plan names ${saved.accessRole} as the access role, but the YAML says ${accessRole}: run plan again; nothing was applied`);
  }
  const clients = new ClientFactory(new SessionBroker({ accessRole }));
  try {
    const caller = await clients.broker.callerIdentity().catch((err: Error) => {
      throw new UserError(err.message);
    });
    let plan: Plan;
    if (saved) {
      plan = saved;
    } else {
      const fresh = await planLive(desired, { kinds: KINDS, clients, accessRole, callerArn: caller.arn, concurrency: flags.concurrency });
      process.stdout.write(renderText(fresh, { color: flags.color && process.stdout.isTTY === true && !process.env.NO_COLOR }));
      if (fresh.conflicts.length === 0 && fresh.errors.length === 0 && hasChanges(fresh)) await confirm(flags);
      plan = fresh;
    }
    const outcome = await runApplyPipeline({
      kinds: KINDS,
      desired,
      clients,
      accessRole,
      callerArn: caller.arn,
      plan,
      concurrency: flags.concurrency,
      perAccount: PER_ACCOUNT_CONCURRENCY,
      wait: flags.wait,
      allowCloseAccounts: flags.allowCloseAccounts === true,
      holder: lockHolder(),
      runId: randomUUID(),
      audit: new AuditLog(flags.auditLog),
      progress: (line) => process.stderr.write(line + "\n"),
      onApplied: (c) => process.stderr.write(`applied ${c.address} (${c.action})\n`),
      onFailed: (c, error) => process.stderr.write(`failed ${c.address} (${c.action}): ${error}\n`),
    });
    switch (outcome.kind) {
      case "refused":
        throw new UserError(outcome.reason);
      case "nothing":
        process.stdout.write(outcome.reason === "already-applied" ? "This plan has already been applied: live state matches it. Nothing to apply.\n" : "Nothing to apply.\n");
        return 0;
      case "executed":
        process.stdout.write(formatResult(outcome.result, outcome.inFlight));
        if (outcome.interrupted) return 130;
        if (outcome.lockLeft) return 1;
        return outcome.result.failed.length === 0 && outcome.result.notAttempted.length === 0 ? 0 : 1;
    }
  } finally {
    clients.destroy();
  }
}

/** Who the apply lock names: the CI run, or the person at this machine. */
function lockHolder(): string {
  if (process.env.GITHUB_RUN_ID) return `github:${process.env.GITHUB_REPOSITORY ?? "?"} run ${process.env.GITHUB_RUN_ID}`;
  return `${userInfo().username}@${hostname()}`;
}

async function confirm(flags: ApplyFlags): Promise<void> {
  if (flags.autoApprove) return;
  if (!process.stdin.isTTY) {
    throw new UserError("refusing to apply without confirmation: stdin is not a terminal; review the plan and pass --auto-approve");
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question("Apply these changes? Only 'yes' is accepted: ");
    if (answer.trim() !== "yes") throw new UserError("apply cancelled");
  } finally {
    rl.close();
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}
