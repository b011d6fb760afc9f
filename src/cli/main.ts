#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { UserError } from "./errors.js";
import { register as validate } from "./validate.js";
import { register as sandbox } from "./sandbox.js";
import { register as demo } from "./demo.js";
import { register as plan } from "./plan.js";
import { register as apply } from "./apply.js";
import { register as importVerb } from "./import.js";
import { register as profiles } from "./profiles.js";
import { register as unlock } from "./unlock.js";

// Each verb lives in its own file and exports register(program); an action reports
// its result by setting process.exitCode (0 no changes, 2 changes, 1 error).
const verbs: Array<(program: Command) => void> = [validate, plan, apply, unlock, sandbox, demo, importVerb, profiles];

// `orgctl plan | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw err;
});

async function main(argv: string[]): Promise<number | undefined> {
  // The SDK warns on every run under Node 20 about its releases after January 2027; the
  // locked SDK supports Node 20, and the warning would bury orgctl's own output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const program = new Command("orgctl")
    .description("Declarative GitOps reconciler for AWS Organizations, cross-account IAM roles and AWS AppConfig")
    .version("0.1.0")
    .exitOverride()
    .showHelpAfterError("(add --help for usage)");
  for (const register of verbs) register(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    if (err instanceof UserError) {
      process.stderr.write(`Error: ${err.message}\n`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Error: ${message}\n`);
    if (process.env.ORGCTL_DEBUG && err instanceof Error && err.stack) process.stderr.write(err.stack + "\n");
    return 1;
  }
  return undefined;
}

main(process.argv).then((code) => {
  if (code !== undefined) process.exitCode = code;
});
