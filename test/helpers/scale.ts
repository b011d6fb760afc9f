// Helpers for the scale tests: an emulator seeded from a desired state (as the sandbox
// seeds it), orgctl run as a process against it, and which accounts a run called into.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { loadDesiredState } from "../../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import type { DesiredState } from "../../src/model/types.js";
import { snapshotFromDesired } from "../../src/sandbox/seed.js";
import { envFor } from "./emulator.js";

const run = promisify(execFile);
const CLI = path.resolve("dist/orgctl.mjs");

export async function loadOrThrow(input: string): Promise<DesiredState> {
  const loaded = await loadDesiredState(input);
  if (!loaded.state) throw new Error(`${input} does not load: ${JSON.stringify(loaded.errors)}`);
  return loaded.state;
}

export async function seededEmulator(desired: DesiredState): Promise<EmulatorHandle> {
  return startEmulator({ snapshot: snapshotFromDesired(desired) });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function orgctl(emulator: EmulatorHandle, args: string[], cwd = process.cwd()): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(emulator), NO_COLOR: "1" };
  delete env.GITHUB_SHA;
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, cwd, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Calls served while `fn` ran: per service, the set of accounts whose credentials made them. */
export async function callsDuring<T>(
  emulator: EmulatorHandle,
  fn: () => Promise<T>,
): Promise<{ result: T; accounts: (service: string) => Set<string>; count: (key: string) => number }> {
  const start = emulator.world.calls.length;
  const result = await fn();
  const calls = emulator.world.calls.slice(start);
  return {
    result,
    // GetPolicy looks AWS managed policies up in IAM's global catalogue (from the caller's
    // account): it reads no account's state.
    accounts: (service) => new Set(calls.filter((c) => c.service === service && c.operation !== "GetPolicy").map((c) => c.accountId)),
    count: (key) => calls.filter((c) => `${c.service}:${c.operation}` === key).length,
  };
}
