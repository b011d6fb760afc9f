// Applies a saved plan through the CLI's own `orgctl apply <plan> <desired>` verb, in
// process, so merge follows exactly the CLI's rule (re-derive from the YAML and a fresh
// read, refuse on any difference) rather than a copy of it. What the verb prints still
// reaches the log; a copy is kept for the PR comment and the job summary.
import { Command, CommanderError } from "commander";
import { register } from "../cli/apply.js";

export interface CliApplyResult {
  /** The verb's exit code: 0 applied (or nothing to apply), 1 refused or failed. */
  code: number;
  /** stdout: the result report. */
  output: string;
  /** Set when the verb refused (or stopped) with a message, before or instead of a report. */
  error?: string;
}

export async function applySavedPlan(planFile: string, desiredPath: string, flags: string[]): Promise<CliApplyResult> {
  const program = new Command("orgctl").exitOverride();
  register(program);
  const out: string[] = [];
  const restore = tee(process.stdout, out);
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(["apply", planFile, desiredPath, ...flags], { from: "user" });
    return { code: Number(process.exitCode ?? 0), output: out.join("") };
  } catch (err) {
    const message = err instanceof CommanderError || err instanceof Error ? err.message : String(err);
    return { code: 1, output: out.join(""), error: message };
  } finally {
    restore();
    process.exitCode = before;
  }
}

function tee(stream: NodeJS.WriteStream, into: string[]): () => void {
  const write = stream.write;
  stream.write = function (chunk: unknown, ...rest: unknown[]): boolean {
    into.push(typeof chunk === "string" ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString("utf8") : String(chunk));
    return Reflect.apply(write, stream, [chunk, ...rest]);
  };
  return () => {
    stream.write = write;
  };
}
