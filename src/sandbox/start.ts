// Starts the emulator for people: seeded from a desired state, a snapshot file, or empty.
import { loadDesiredState, formatDiagnostic } from "../config/index.js";
import { startEmulator, loadSnapshotFile, type EmulatorHandle } from "../emulator/index.js";
import type { Snapshot } from "../emulator/types.js";
import { UserError } from "../cli/errors.js";
import { snapshotFromDesired } from "./seed.js";

export interface SandboxOptions {
  /** Desired state to derive the starting organization from. */
  from?: string;
  snapshot?: string;
  port?: number;
  timeScale?: number;
}

/**
 * Deployments bake for minutes on AWS; in the sandbox, emulated workflows run this many
 * times faster so that apply can wait for them. Session credentials still expire on wall time.
 */
export const SANDBOX_TIME_SCALE = 300;

export async function startSandbox(opts: SandboxOptions): Promise<EmulatorHandle> {
  let snapshot: Snapshot | undefined;
  if (opts.snapshot) snapshot = await loadSnapshotFile(opts.snapshot);
  else if (opts.from) {
    const result = await loadDesiredState(opts.from);
    if (!result.state) throw new UserError(`cannot seed the sandbox from ${opts.from}:\n${result.errors.map(formatDiagnostic).join("\n")}`);
    snapshot = snapshotFromDesired(result.state);
  }
  return startEmulator({ port: opts.port ?? 0, snapshot, timeScale: opts.timeScale ?? SANDBOX_TIME_SCALE });
}

/** The environment that points the AWS SDK (and so orgctl) at a running sandbox. */
export function sandboxEnv(handle: EmulatorHandle): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: handle.url,
    // Keys of the emulator's fake management account: valid nowhere but this sandbox.
    AWS_ACCESS_KEY_ID: handle.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: handle.credentials.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}
