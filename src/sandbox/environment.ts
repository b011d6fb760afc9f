// The environment that points AWS clients (orgctl, the JS SDK, boto3, the AWS CLI v1 and v2)
// at a running sandbox, and the ways to hand it over: shell exports, an env file for
// scripts, and shared config/credentials files for clients that read profiles.
// botocore reads AWS_DEFAULT_REGION, the JS SDK AWS_REGION: both are set. AWS_ENDPOINT_URL
// is honoured from boto3 1.28.0 / botocore 1.31.0, AWS CLI 1.29.0 and 2.13.0, and JS SDK
// v3 3.410.0 on (README, "Sandbox"); older clients need the endpoint passed explicitly.
import { chmod, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Sandbox } from "./start.js";

export type SandboxEnv = Record<string, string>;

export function sandboxEnv({ handle, region }: Sandbox): SandboxEnv {
  return {
    AWS_ENDPOINT_URL: handle.url,
    // Keys of the emulator's sandbox-admin user: valid nowhere but this sandbox.
    AWS_ACCESS_KEY_ID: handle.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: handle.credentials.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** Values are URLs, key ids, secrets and regions: quoted anyway, so a shell never splits or expands them. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

export function shellExports(env: SandboxEnv): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join("\n");
}

/**
 * KEY=value lines, readable by `set -a; . FILE`, docker's --env-file and dotenv alike:
 * the values are plain (URL, key ids, base64-ish secrets, region), so they need no quotes.
 */
export function envFileText(env: SandboxEnv): string {
  for (const [k, v] of Object.entries(env)) {
    if (!/^[\w@%+=:,./-]*$/.test(v)) throw new Error(`${k} holds characters an env file cannot carry unquoted`);
  }
  return Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join("");
}

/** Writes a file only its owner can read (it holds keys), also when it already existed. */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await chmod(file, 0o600).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "ENOENT") throw err;
  });
  await writeFile(file, text, { mode: 0o600 });
  await chmod(file, 0o600);
}
