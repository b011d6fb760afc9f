// `orgctl sandbox`: starts the emulator for people and hands over the environment that
// points every AWS client at it (shell exports, an env file, profile files).
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { startSandbox, SANDBOX_TIME_SCALE } from "../sandbox/start.js";
import { envFileText, sandboxEnv, shellExports, writePrivateFile } from "../sandbox/environment.js";
import { SANDBOX_PROFILE, writeProfileFiles } from "../sandbox/profile-files.js";
import { UserError } from "./errors.js";

interface SandboxFlags {
  snapshot?: string;
  port?: number;
  timeScale: number;
  save?: string;
  region?: string;
  writeEnv?: string;
  profileDir?: string;
}

const HELP = `
The printed environment works unchanged for orgctl, the AWS SDK for JavaScript v3 (3.410.0+),
boto3 (1.28.0+) and the AWS CLI (1.29.0+, 2.13.0+): AWS_ENDPOINT_URL, the sandbox-admin user's
keys, and AWS_REGION and AWS_DEFAULT_REGION from the desired state's settings.region.
--write-env writes the same variables as KEY=value lines for scripts (set -a; . FILE), or for
docker --env-file. (The option is not called --env-file: Node itself claims that flag anywhere
on its command line and stops when no such file exists yet.)
--profile-dir writes DIR/config and DIR/credentials with a profile "${SANDBOX_PROFILE}" (endpoint
per service) and exports AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE pointing at them, so
\`aws --profile ${SANDBOX_PROFILE}\` and \`orgctl profiles --source-profile ${SANDBOX_PROFILE} --write\` work.
Files holding keys are written with mode 0600.`;

export function register(program: Command): void {
  program
    .command("sandbox")
    .description("Start the local AWS emulator and print the environment that points orgctl at it")
    .argument("[path]", "desired state to seed the organization from (existing account ids become live accounts)")
    .option("--snapshot <file>", "start from an emulator snapshot (JSON) instead")
    .option("--port <n>", "port on 127.0.0.1 (default: a free one)", (v) => Number.parseInt(v, 10))
    .option("--time-scale <n>", "how many times faster deployments and account creation run", (v) => Number(v), SANDBOX_TIME_SCALE)
    .option("--region <region>", "region for clients (default: settings.region of the desired state, else us-east-1)")
    .option("--write-env <file>", "also write the environment to this file (KEY=value lines, mode 0600)")
    .option("--profile-dir <dir>", `also write config and credentials files with profile ${SANDBOX_PROFILE} into this directory`)
    .option("--save <file>", "write the emulator's state as a snapshot when stopped")
    .addHelpText("after", HELP)
    .action(async (path: string | undefined, opts: SandboxFlags) => {
      if (opts.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(opts.region)) throw new UserError(`--region: ${opts.region} is not a region name`);
      const sandbox = await startSandbox({ from: path, snapshot: opts.snapshot, port: opts.port, timeScale: opts.timeScale, region: opts.region });
      const { handle } = sandbox;
      const principal = handle.world.credentials.get(handle.credentials.accessKeyId)?.principal;
      if (principal?.type === "root") {
        process.stderr.write(
          "note: the snapshot's first key belongs to the root user; AWS refuses AssumeRole to root, so orgctl cannot reach member accounts with it. " +
            'Put a key with "userName" first in the snapshot\'s credentials.\n',
        );
      }
      const env = sandboxEnv(sandbox);
      if (opts.profileDir) {
        const files = await writeProfileFiles(sandbox, opts.profileDir);
        env.AWS_CONFIG_FILE = files.config;
        env.AWS_SHARED_CREDENTIALS_FILE = files.credentials;
      }
      if (opts.writeEnv) await writePrivateFile(opts.writeEnv, envFileText(env));
      process.stdout.write(
        `# orgctl sandbox on ${handle.url} (signed in as ${principal?.arn ?? handle.credentials.accountId}); Ctrl-C stops it.\n` +
          `# The keys below are the emulator's own and work nowhere else.\n` +
          (opts.writeEnv ? `# Also written to ${opts.writeEnv}.\n` : "") +
          `unset AWS_PROFILE AWS_SESSION_TOKEN\n${shellExports(env)}\n`,
      );
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      if (opts.save) await writeFile(opts.save, JSON.stringify(handle.snapshot(), null, 2) + "\n");
      await handle.stop();
    });
}
