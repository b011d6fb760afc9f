// `orgctl unlock`: break the apply lock left by a run that died (Terraform's
// force-unlock). Naming the run id makes breaking someone else's live lock a decision,
// not an accident: without it, the command only shows who holds the lock.
import type { Command } from "commander";
import { existsSync } from "node:fs";
import { deleteLock, readLock } from "../apply/lock.js";
import { ClientFactory } from "../aws/clients.js";
import { SessionBroker } from "../aws/session.js";
import { loadDesired } from "../apply/source.js";
import { DEFAULT_ACCESS_ROLE } from "../model/types.js";
import { UserError } from "./errors.js";

export function register(program: Command): void {
  program
    .command("unlock")
    .description("Show who holds the apply lock, or break it by naming its run id (exit 0 done, 1 refused)")
    .argument("[run-id]", "the run id the lock message names; breaks the lock only when it matches")
    .option("--path <path>", "desired-state YAML file or directory (default: ./orgctl.yaml if present, else .)")
    .action(async (runId: string | undefined, flags: { path?: string }) => {
      process.exitCode = await run(runId, flags.path ?? (existsSync("orgctl.yaml") ? "orgctl.yaml" : "."));
    });
}

async function run(runId: string | undefined, input: string): Promise<number> {
  const desired = await loadDesired(input);
  const clients = new ClientFactory(new SessionBroker({ accessRole: desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE }));
  try {
    const caller = await clients.broker.callerIdentity().catch((err: Error) => {
      throw new UserError(err.message);
    });
    const accountId = desired.organization?.managementAccount ?? caller.account;
    const iam = await clients.iam(accountId);
    const current = await readLock(iam, accountId);
    if (!current) {
      process.stdout.write("No apply holds the lock.\n");
      return 0;
    }
    const who = `${current.holder} (run ${current.runId}) until ${current.expires.toISOString()}`;
    if (runId === undefined) {
      process.stdout.write(`The apply lock is held by ${who}.\nTo break it: orgctl unlock ${current.runId}\n`);
      return 0;
    }
    if (runId !== current.runId) throw new UserError(`the lock is held by ${who}, not by run ${runId}: nothing was changed`);
    await deleteLock(iam, accountId);
    process.stdout.write(`Broke the apply lock held by ${who}.\n`);
    return 0;
  } finally {
    clients.destroy();
  }
}
