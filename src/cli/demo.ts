import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { runDemo } from "../sandbox/demo.js";
import { UserError } from "./errors.js";

export function register(program: Command): void {
  program
    .command("demo")
    .description("Run validate → plan → apply → plan for each example against a fresh sandbox")
    .argument("[examples...]", "example directories (default: every folder in ./examples)")
    .action(async (examples: string[]) => {
      const dirs = examples.length > 0 ? examples : await exampleDirs("examples");
      const results = await runDemo(dirs);
      process.exitCode = results.every((r) => r.ok) ? 0 : 1;
    });
}

async function exampleDirs(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => {
    throw new UserError(`no examples given and ${root}/ not found: run from the orgctl repository or name example folders`);
  });
  return entries.filter((e) => e.isDirectory()).map((e) => path.join(root, e.name)).sort();
}
