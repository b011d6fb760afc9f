// Runs orgctl as a child process against the emulator and measures it on its own:
// wall time, peak RSS (VmHWM from /proc, sampled until exit) and the API calls the
// emulator served meanwhile, by service:operation.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { EmulatorHandle } from "../src/emulator/index.js";

const CLI = path.resolve("dist/orgctl.mjs");
const SAMPLE_MS = 50;
/** USER_HZ: /proc reports CPU time in these (100 on Linux). */
const CLOCK_TICKS = 100;

export interface Run {
  args: string[];
  exitCode: number;
  wallMs: number;
  peakRssMb: number;
  /** CPU seconds (user + system) of the orgctl process, from /proc, sampled until exit: on a shared machine wall time includes waiting for a core. */
  cpuSeconds: number;
  calls: Record<string, number>;
  /** Calls by service (organizations, sts, iam, appconfig) and by the account whose credentials made them. */
  callsByService: Record<string, { calls: number; accounts: number }>;
  /** Calls the emulator rejected (throttled; the bench injects no other faults). */
  rejected: number;
  /**
   * Mean time the emulator took from a call's arrival to its answer: the latency it
   * delivered, which its timers make differ slightly from the configured one.
   */
  servedMs: number;
  stderr: string;
}

export async function runOrgctl(emulator: EmulatorHandle, args: string[], cwd = process.cwd()): Promise<Run> {
  const start = emulator.world.calls.length;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    NO_COLOR: "1",
  };
  delete env.AWS_SESSION_TOKEN;
  const began = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { env, cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let peakKb = 0;
  let ticks = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
      // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised command name): utime, stime.
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks = Math.max(ticks, Number(fields[11] ?? 0) + Number(fields[12] ?? 0));
    } catch {
      // The process has exited between samples.
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const exitCode = await new Promise<number>((resolve) => child.on("exit", (code) => (sample(), resolve(code ?? 1))));
  clearInterval(timer);
  const wallMs = performance.now() - began;

  const calls: Record<string, number> = {};
  const byService = new Map<string, { calls: number; accounts: Set<string> }>();
  let rejected = 0;
  let served = 0;
  let servedCalls = 0;
  for (const c of emulator.world.calls.slice(start)) {
    if (c.ms !== undefined) (served += c.ms), servedCalls++;
    const key = `${c.service}:${c.operation}`;
    calls[key] = (calls[key] ?? 0) + 1;
    const service = byService.get(c.service) ?? { calls: 0, accounts: new Set<string>() };
    byService.set(c.service, service);
    service.calls++;
    service.accounts.add(c.accountId);
    if (c.status === 0 || c.status >= 400) rejected++;
  }
  const callsByService = Object.fromEntries([...byService].map(([k, v]) => [k, { calls: v.calls, accounts: v.accounts.size }]));
  return { args, exitCode, wallMs, peakRssMb: Math.round(peakKb / 1024), cpuSeconds: ticks / CLOCK_TICKS, calls, callsByService, rejected, servedMs: servedCalls > 0 ? served / servedCalls : 0, stderr };
}
