// The quick-start walk-through: for each example, a fresh sandbox seeded from it, then
// validate → plan → apply → plan, each run as a real orgctl process, checking the exit
// codes a user would see (0 valid, 2 changes, 0 applied, 0 nothing left to do).
import { spawn } from "node:child_process";
import { startSandbox } from "./start.js";
import { sandboxEnv } from "./environment.js";

interface Step {
  args: string[];
  expect: number;
  what: string;
}

export interface DemoResult {
  example: string;
  ok: boolean;
  failedStep?: string;
}

function stepsFor(example: string): Step[] {
  return [
    { args: ["validate", example], expect: 0, what: "validate" },
    { args: ["plan", example, "--no-color"], expect: 2, what: "plan (changes expected)" },
    { args: ["apply", example, "--auto-approve"], expect: 0, what: "apply" },
    { args: ["plan", example, "--no-color"], expect: 0, what: "plan again (no changes expected)" },
  ];
}

function run(args: string[], env: NodeJS.ProcessEnv, out: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

export async function runDemo(examples: string[], out: NodeJS.WritableStream = process.stdout): Promise<DemoResult[]> {
  const results: DemoResult[] = [];
  for (const example of examples) {
    out.write(`\n=== ${example} ===\n`);
    const sandbox = await startSandbox({ from: example });
    const { handle } = sandbox;
    const env = { ...process.env, ...sandboxEnv(sandbox), AWS_PROFILE: undefined, AWS_SESSION_TOKEN: undefined };
    let failedStep: string | undefined;
    try {
      for (const step of stepsFor(example)) {
        out.write(`\n$ orgctl ${step.args.join(" ")}\n`);
        const code = await run(step.args, env, out);
        if (code !== step.expect) {
          failedStep = `${step.what}: exit code ${code}, expected ${step.expect}`;
          break;
        }
      }
    } finally {
      await handle.stop();
    }
    results.push({ example, ok: !failedStep, failedStep });
  }
  out.write("\n=== summary ===\n");
  for (const r of results) out.write(`${r.ok ? "ok  " : "FAIL"} ${r.example}${r.failedStep ? ` — ${r.failedStep}` : ""}\n`);
  return results;
}
