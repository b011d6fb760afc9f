import { createInterface } from "node:readline/promises";
import { InvalidArgumentError, type Command } from "commander";
import { existsSync } from "node:fs";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { executePlan } from "../engine/apply.js";
import { AuditLog, DEFAULT_AUDIT_LOG } from "../engine/apply-audit.js";
import { operationRunner } from "../engine/apply-operations.js";
import { formatResult } from "../engine/apply-report.js";
import { refusals } from "../engine/apply-safety.js";
import { findStaleChanges } from "../engine/apply-staleness.js";
import { desiredForPlan, loadDesired, PlanRefused, readPlanFile } from "../engine/apply-source.js";
import { planLive } from "../engine/plan-live.js";
import { hasChanges } from "../engine/plan.js";
import { SensitiveContentMissing, withSensitiveContent } from "../engine/sensitive.js";
import type { Plan } from "../engine/types.js";
import { DEFAULT_CONCURRENCY } from "../providers/read-live.js";
import { renderText } from "../render/text.js";
import { DEFAULT_ACCESS_ROLE, type DesiredState } from "../model/types.js";
import { UserError } from "./errors.js";

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
  const accessRole = saved?.accessRole ?? desired?.organization?.accessRole ?? DEFAULT_ACCESS_ROLE;
  const clients = new ClientFactory(new SessionBroker({ accessRole }));
  try {
    const caller = await clients.broker.callerIdentity().catch((err: Error) => {
      throw new UserError(err.message);
    });
    let plan: Plan;
    if (saved) {
      // Sensitive content is in no plan: it comes from the YAML the digest check just matched.
      plan = sensitiveFromYaml(saved, desired);
      refuseUnsafe(plan, accessRole, caller.arn, flags);
      const stale = await findStaleChanges(plan, clients, accessRole);
      if (stale.length > 0 && stale.length === plan.changes.filter((c) => c.action !== "noop").length && stale.every((s) => s.alreadyApplied)) {
        process.stdout.write("This plan has already been applied: live state matches it. Nothing to apply.\n");
        return 0;
      }
      if (stale.length > 0) {
        const also = stale.slice(1).map((s) => `\n  also: ${s.address} ${s.reason}`);
        throw new UserError(`plan is stale: ${stale[0]!.address} ${stale[0]!.reason}; run plan again${also.join("")}`);
      }
    } else {
      const planned = await planLive(desired!, { clients, accessRole, callerArn: caller.arn, concurrency: flags.concurrency });
      process.stdout.write(renderText(planned, { color: flags.color && process.stdout.isTTY === true && !process.env.NO_COLOR }));
      plan = sensitiveFromYaml(planned, desired);
      refuseUnsafe(plan, accessRole, caller.arn, flags);
      if (!hasChanges(plan)) {
        process.stdout.write("Nothing to apply.\n");
        return plan.errors.length > 0 ? 1 : 0;
      }
      await confirm(flags);
    }
    if (plan.errors.length > 0) {
      throw new UserError(`the plan could not read ${plan.errors.map((e) => e.account).join(", ")}: run plan again once they are reachable`);
    }
    if (!hasChanges(plan)) {
      process.stdout.write("Nothing to apply.\n");
      return 0;
    }

    const audit = new AuditLog(flags.auditLog);
    const result = await executePlan(plan.changes, {
      concurrency: flags.concurrency,
      perAccount: PER_ACCOUNT_CONCURRENCY,
      accountIds: new Map(plan.accounts.flatMap((a) => (a.id ? [[a.key, a.id] as const] : []))),
      run: operationRunner({
        clients,
        managementAccountId: managementId(plan, desired?.organization?.managementAccount),
        wait: flags.wait,
        allowCloseAccounts: flags.allowCloseAccounts === true,
        progress: (line) => process.stderr.write(line + "\n"),
        createdRoles: new Set(),
      }),
      onApplied: (c) => {
        audit.record({ account: c.account, accountId: c.accountId, address: c.address, operation: c.action, result: "applied" });
        process.stderr.write(`applied ${c.address} (${c.action})\n`);
      },
      onFailed: (c, error) => {
        audit.record({ account: c.account, accountId: c.accountId, address: c.address, operation: c.action, result: "failed", error });
        process.stderr.write(`failed ${c.address} (${c.action}): ${error}\n`);
      },
    });
    process.stdout.write(formatResult(result));
    return result.failed.length === 0 && result.notAttempted.length === 0 ? 0 : 1;
  } finally {
    clients.destroy();
  }
}

function sensitiveFromYaml(plan: Plan, desired: DesiredState | undefined): Plan {
  try {
    return withSensitiveContent(plan, desired);
  } catch (err) {
    if (err instanceof SensitiveContentMissing) throw new UserError(`${err.message}; nothing was applied`);
    throw err;
  }
}

function refuseUnsafe(plan: Plan, accessRole: string, callerArn: string, flags: ApplyFlags): void {
  const refused = refusals(plan, { accessRole, callerArn, allowCloseAccounts: flags.allowCloseAccounts === true });
  if (refused.length === 0) return;
  const also = refused.slice(1).map((r) => `\n  also ${r}`);
  throw new UserError(`${refused[0]}; nothing was applied${also.join("")}`);
}

function managementId(plan: Plan, fromDesired: string | undefined): string {
  const id = fromDesired ?? plan.changes.find((c) => c.service === "organizations")?.accountId;
  // Without organization changes no Organizations call is made; any id will do.
  return id ?? "";
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
