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
  /** The region clients are pointed at (default: the desired state's settings.region, else us-east-1). */
  region?: string;
}

export interface Sandbox {
  handle: EmulatorHandle;
  /** The region the printed environment sets: where the desired state keeps AppConfig. */
  region: string;
}

/**
 * Deployments bake for minutes on AWS; in the sandbox, emulated workflows run this many
 * times faster so that apply can wait for them. Session credentials still expire on wall time.
 */
export const SANDBOX_TIME_SCALE = 300;
const DEFAULT_REGION = "us-east-1";

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  let snapshot: Snapshot | undefined;
  let region = opts.region;
  if (opts.snapshot) snapshot = await loadSnapshotFile(opts.snapshot);
  else if (opts.from) {
    const result = await loadDesiredState(opts.from);
    if (!result.state) throw new UserError(`cannot seed the sandbox from ${opts.from}:\n${result.errors.map(formatDiagnostic).join("\n")}`);
    snapshot = snapshotFromDesired(result.state);
    region ??= result.state.settings.region;
  }
  region ??= DEFAULT_REGION;
  const handle = await startEmulator({ port: opts.port ?? 0, snapshot, timeScale: opts.timeScale ?? SANDBOX_TIME_SCALE, endpointOverrideRegion: region });
  return { handle, region };
}
