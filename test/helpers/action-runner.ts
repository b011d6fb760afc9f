// Runs the bundled action (dist/action.mjs) the way the GitHub runner does: under Node 24,
// inputs as INPUT_<NAME> variables (upper-cased, dashes kept), the event payload in a file,
// and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files to read back afterwards.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** Node 24 from tools/node24, installed by the test global setup (scripts/ensure-node24.mjs). */
export const NODE24 = resolve("tools/node24/node_modules/node/bin/node");
const BUNDLE = resolve("dist/action.mjs");

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
}

/** The runner passes every input, with action.yml's default when the workflow gives none. */
function withDefaults(given: Record<string, string>): Record<string, string> {
  const manifest = parse(readFileSync("action.yml", "utf8")) as ActionManifest;
  const defaults = Object.entries(manifest.inputs)
    // Expression defaults (${{ github.token }}) are evaluated by the runner; tests pass those.
    .filter(([, spec]) => !String(spec.default ?? "").includes("${{"))
    .map(([name, spec]) => [name, String(spec.default ?? "")]);
  return { ...Object.fromEntries(defaults), ...given };
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** Every file the run wrote that a user can see, for secret checks. */
  visible: string;
}

export interface ActionRunOptions {
  workspace: string;
  event: string;
  payload: object;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  repository?: string;
  ref?: string;
  sha?: string;
  runId?: number;
}

export function runAction(opts: ActionRunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "orgctl-action-"));
  const files = { event: join(dir, "event.json"), output: join(dir, "output"), summary: join(dir, "summary.md") };
  writeFileSync(files.event, JSON.stringify(opts.payload));
  writeFileSync(files.output, "");
  writeFileSync(files.summary, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: opts.repository ?? "acme/landing-zone",
    GITHUB_REF: opts.ref ?? "refs/pull/7/merge",
    GITHUB_SHA: opts.sha ?? "0123456789abcdef0123456789abcdef01234567",
    GITHUB_RUN_ID: String(opts.runId ?? 4242),
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    ...Object.fromEntries(Object.entries(withDefaults(opts.inputs ?? {})).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...opts.env,
  };
  return new Promise((done) => {
    execFile(NODE24, [BUNDLE], { cwd: opts.workspace, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const output = readFileSync(files.output, "utf8");
      const summary = readFileSync(files.summary, "utf8");
      const outputs = parseOutputs(output);
      const planJson = outputs["plan-json"] && existsSync(outputs["plan-json"]) ? readFileSync(outputs["plan-json"], "utf8") : "";
      const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
      done({ code, stdout, stderr, outputs, summary, visible: [maskless(stdout), stderr, output, summary, planJson].join("\n") });
    });
  });
}

/** The runner's `name<<DELIMITER ... DELIMITER` file format. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    outputs[m[1]!] = value.join("\n");
  }
  return outputs;
}

/** `::add-mask::<value>` is how secrets reach the runner, not output a user sees. */
function maskless(stdout: string): string {
  return stdout
    .split("\n")
    .filter((l) => !l.startsWith("::add-mask::"))
    .join("\n");
}

/** Values registered with the runner as secrets. */
export function maskedValues(run: ActionRun): string[] {
  return run.stdout
    .split("\n")
    .filter((l) => l.startsWith("::add-mask::"))
    .map((l) => l.slice("::add-mask::".length));
}
