import { existsSync } from "node:fs";
import type { Command } from "commander";
import { formatDiagnostic, loadDesiredState } from "../config/index.js";

export function register(program: Command): void {
  program
    .command("validate")
    .description("Check the desired-state YAML (schema, references, IAM limits, policies, AppConfig content) without calling AWS")
    .argument("[path]", "a YAML file or a directory (default: ./orgctl.yaml if present, else .)")
    .action(async (input: string | undefined) => {
      const target = input ?? (existsSync("orgctl.yaml") ? "orgctl.yaml" : ".");
      const result = await loadDesiredState(target);
      for (const d of [...result.errors, ...result.warnings]) process.stderr.write(formatDiagnostic(d) + "\n");
      const warnings = plural(result.warnings.length, "warning");
      if (result.state) {
        const s = result.state;
        process.stdout.write(
          `valid: ${plural(s.files.length, "file")}, ${plural(s.accounts.length, "account")}, ${plural(s.roles.length, "role")}, ` +
            `${plural(s.appconfig.length, "AppConfig application")}; ${warnings}\n`,
        );
        process.exitCode = 0;
      } else {
        process.stderr.write(`invalid: ${plural(result.errors.length, "error")}, ${warnings}\n`);
        process.exitCode = 1;
      }
    });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
