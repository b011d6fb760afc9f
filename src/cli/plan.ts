import { existsSync } from "node:fs";
import { InvalidArgumentError, Option, type Command } from "commander";
import { formatDiagnostic, loadDesiredState, type ParseCache } from "../config/index.js";
import { planExitCode } from "../engine/plan.js";
import { planLive } from "../engine/plan-live.js";
import { restrictPlan } from "../engine/scope.js";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { DEFAULT_CONCURRENCY } from "../engine/read-live.js";
import { DEFAULT_ACCESS_ROLE } from "../model/types.js";
import { UserError } from "./errors.js";
import { emitPlan } from "./output.js";
import { registerMerge } from "./plan-merge.js";
import { readScope } from "../engine/scope.js";
import { planSelection, type ScopeFlags } from "./plan-scope.js";
import { KINDS } from "../kinds/registry.js";

/** Without a terminal, report progress only once reading has taken this long. */
const QUIET_PROGRESS_MS = 5000;

interface PlanFlags extends ScopeFlags {
  out?: string;
  format: "text" | "markdown" | "json";
  color: boolean;
  concurrency: number;
  commit?: string;
  sourceIdentity?: string;
}

export function register(program: Command): void {
  const plan = program
    .command("plan")
    .description("Read live AWS state and print the changes apply would make (exit 0 none, 2 changes, 1 error)")
    .argument("[path]", "a YAML file or a directory (default: ./orgctl.yaml if present, else .)")
    .option("--out <file>", "also write the plan (JSON) for `orgctl apply`")
    .addOption(new Option("--format <format>", "output format").choices(["text", "markdown", "json"]).default("text"))
    .option("--no-color", "plain text output")
    .option("--concurrency <n>", "accounts read in parallel", positiveInt, DEFAULT_CONCURRENCY)
    .option("--commit <sha>", "source commit recorded in the plan and the STS session name (default: $GITHUB_SHA)")
    .option("--source-identity <id>", "STS SourceIdentity for assumed roles (the access role's trust must allow sts:SetSourceIdentity)")
    .addOption(new Option("--changed-since <ref>", "plan only the accounts whose desired state changed since this git ref").conflicts("shard"))
    .option("--shard <i/n>", "plan only shard i of n (accounts split by a hash of their key; shard 1 also plans the organization)")
    .action(async (input: string | undefined, flags: PlanFlags) => {
      const target = input ?? (existsSync("orgctl.yaml") ? "orgctl.yaml" : ".");
      // Kept only until the state at --changed-since is loaded: its unchanged files are not parsed again.
      const parsed: ParseCache = new Map();
      const loaded = await loadDesiredState(target, { cache: parsed });
      for (const d of [...loaded.errors, ...loaded.warnings]) process.stderr.write(formatDiagnostic(d) + "\n");
      if (!loaded.state) throw new UserError(`invalid desired state: ${loaded.errors.length} error(s)`);
      const desired = loaded.state;
      const selection = await planSelection(desired, target, flags, parsed);
      parsed.clear();

      const commit = flags.commit ?? process.env.GITHUB_SHA;
      const accessRole = desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE;
      const broker = new SessionBroker({ accessRole, runId: commit?.slice(0, 7), sourceIdentity: flags.sourceIdentity });
      const clients = new ClientFactory(broker);
      try {
        const caller = await broker.callerIdentity().catch((err: Error) => {
          throw new UserError(err.message);
        });
        const full = await planLive(desired, {
          kinds: KINDS,
          clients,
          callerArn: caller.arn,
          accessRole,
          commit,
          concurrency: flags.concurrency,
          onProgress: progressReporter(),
          scope: readScope(desired, selection),
        });
        const plan = selection ? restrictPlan(full, selection) : full;
        await emitPlan(plan, flags);
        process.exitCode = planExitCode(plan);
      } finally {
        clients.destroy();
      }
    });
  registerMerge(plan);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer");
  return n;
}

/** Accounts read so far on stderr: live on a terminal, else a line now and then once it is slow. */
function progressReporter(): (done: number, total: number) => void {
  const started = Date.now();
  let lastLine = 0;
  const tty = process.stderr.isTTY === true;
  return (done, total) => {
    if (total === 0) return;
    const now = Date.now();
    if (tty) {
      process.stderr.write(`\rReading accounts: ${done}/${total}${done === total ? "\n" : ""}`);
    } else if (now - started >= QUIET_PROGRESS_MS && (now - lastLine >= QUIET_PROGRESS_MS || done === total)) {
      lastLine = now;
      process.stderr.write(`Reading accounts: ${done}/${total}\n`);
    }
  };
}
