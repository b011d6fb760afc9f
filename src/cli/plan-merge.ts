// `orgctl plan merge a.json b.json ... --out plan.json`: one plan from the shard plans
// of a CI matrix (plan --shard i/n --out shard-i.json in each job).
import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { mergePlans, MergeError } from "../engine/merge.js";
import { parsePlan, PlanFormatError } from "../engine/plan-file.js";
import { planExitCode } from "../engine/plan.js";
import type { Plan } from "../engine/types.js";
import { UserError } from "./errors.js";
import { emitPlan, type PlanOutput } from "./output.js";
import { KINDS } from "../kinds/registry.js";


/** Registered under `plan`, whose --out and --format it shares. */
export function registerMerge(plan: Command): void {
  plan
    .command("merge")
    .description("Merge shard plans (plan --shard i/n --out ...) into one plan; exit 0 none, 2 changes, 1 error")
    .argument("<plans...>", "plan files written by plan --out")
    .addHelpText("after", "\nplan's --out <file> (also write the merged plan), --format and --no-color apply here too.")
    .action(async (files: string[], _opts: unknown, command: Command) => {
      const flags = command.optsWithGlobals<PlanOutput>();
      const plans = await Promise.all(files.map(readPlan));
      let merged: Plan;
      try {
        merged = mergePlans(plans, KINDS);
      } catch (err) {
        if (err instanceof MergeError) throw new UserError(err.message);
        throw err;
      }
      await emitPlan(merged, flags);
      process.exitCode = planExitCode(merged);
    });
}

async function readPlan(file: string): Promise<Plan> {
  const text = await readFile(file, "utf8").catch((err: Error) => {
    throw new UserError(`cannot read ${file}: ${err.message}`);
  });
  try {
    return parsePlan(text);
  } catch (err) {
    if (err instanceof PlanFormatError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
}
