import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { sandboxEnv, startSandbox, SANDBOX_TIME_SCALE } from "../sandbox/start.js";

export function register(program: Command): void {
  program
    .command("sandbox")
    .description("Start the local AWS emulator and print the environment that points orgctl at it")
    .argument("[path]", "desired state to seed the organization from (existing account ids become live accounts)")
    .option("--snapshot <file>", "start from an emulator snapshot (JSON) instead")
    .option("--port <n>", "port on 127.0.0.1 (default: a free one)", (v) => Number.parseInt(v, 10))
    .option("--time-scale <n>", "how many times faster deployments and account creation run", (v) => Number(v), SANDBOX_TIME_SCALE)
    .option("--save <file>", "write the emulator's state as a snapshot when stopped")
    .action(async (path: string | undefined, opts: { snapshot?: string; port?: number; timeScale: number; save?: string }) => {
      const handle = await startSandbox({ from: path, snapshot: opts.snapshot, port: opts.port, timeScale: opts.timeScale });
      const lines = Object.entries(sandboxEnv(handle)).map(([k, v]) => `export ${k}=${v}`);
      process.stdout.write(
        `# orgctl sandbox on ${handle.url} (management account ${handle.credentials.accountId}); Ctrl-C stops it.\n` +
          `# The keys below are the emulator's own and work nowhere else.\n` +
          `unset AWS_PROFILE AWS_SESSION_TOKEN\n${lines.join("\n")}\n`,
      );
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      if (opts.save) await writeFile(opts.save, JSON.stringify(handle.snapshot(), null, 2) + "\n");
      await handle.stop();
    });
}
