// End-to-end helpers: an emulator seeded the way `orgctl sandbox <example>` seeds it,
// orgctl run as a real process against it, and SDK clients inside member accounts for
// changing live state behind orgctl's back.
import { afterAll, beforeAll } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { loadDesiredState } from "../../src/config/index.js";
import { snapshotFromDesired } from "../../src/sandbox/seed.js";
import { startEmulator, type Snapshot } from "../../src/emulator/index.js";
import type { DesiredState } from "../../src/model/types.js";
import type { Plan } from "../../src/engine/types.js";
import { clientFor, envFor, type EmulatorHandle } from "./emulator.js";

const run = promisify(execFile);

export interface ExampleSandbox {
  emulator(): EmulatorHandle;
  desired(): DesiredState;
}

/**
 * One emulator for the enclosing describe, seeded from the example's desired state
 * (management account plus every account with an id, under the root). `adjust` may edit
 * the snapshot first, e.g. to leave an account without its access role.
 */
export function withExample(example: string, adjust?: (snapshot: Snapshot) => void): ExampleSandbox {
  let handle: EmulatorHandle | undefined;
  let desired: DesiredState | undefined;
  beforeAll(async () => {
    const loaded = await loadDesiredState(example);
    if (!loaded.state) throw new Error(`${example} does not load: ${JSON.stringify(loaded.errors)}`);
    desired = loaded.state;
    const snapshot = snapshotFromDesired(desired);
    adjust?.(snapshot);
    // Deployments bake for minutes: run emulated time fast so a test can wait for them.
    handle = await startEmulator({ snapshot, timeScale: 600 });
  });
  afterAll(async () => {
    await handle?.stop();
  });
  return {
    emulator: () => handle ?? fail(),
    desired: () => desired ?? fail(),
  };
}

function fail(): never {
  throw new Error("example sandbox not started: use it inside a test or hook");
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI as a user would, pointed at the emulator. */
export async function orgctl(handle: EmulatorHandle, ...args: string[]): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(handle), NO_COLOR: "1" };
  delete env.GITHUB_SHA;
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  try {
    const { stdout, stderr } = await run(process.execPath, ["dist/orgctl.mjs", ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw err;
    return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** `orgctl plan <example> --format json`, parsed. */
export async function planJson(handle: EmulatorHandle, example: string): Promise<RunResult & { plan: Plan }> {
  const result = await orgctl(handle, "plan", example, "--format", "json");
  if (result.code === 1 && !result.stdout.trim().startsWith("{")) throw new Error(`plan failed: ${result.stderr}`);
  return { ...result, plan: JSON.parse(result.stdout) as Plan };
}

/** "<action> <address>" for every change that does something, sorted. */
export function actions(plan: Plan): string[] {
  return plan.changes
    .filter((c) => c.action !== "noop")
    .map((c) => `${c.action} ${c.address}`)
    .sort();
}

export function changeAt(plan: Plan, address: string): Plan["changes"][number] {
  const change = plan.changes.find((c) => c.address === address);
  if (!change) throw new Error(`no change at ${address}; plan has ${plan.changes.map((c) => c.address).join(", ")}`);
  return change;
}

type Kind = "iam" | "appconfig" | "organizations";

/** An SDK client signed as the access role in a member account (or as sandbox-admin in the management account). */
export async function clientIn<K extends Kind>(handle: EmulatorHandle, kind: K, accountId: string, region = "us-east-1"): Promise<ReturnType<typeof clientFor<K>>> {
  if (accountId === handle.credentials.accountId) return clientFor(handle, kind, { region });
  const sts = clientFor(handle, "sts");
  try {
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`, RoleSessionName: "behind-orgctls-back" }),
    );
    const c = out.Credentials!;
    return clientFor(handle, kind, { region, credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! } });
  } finally {
    sts.destroy();
  }
}
