// Shared config and credentials files for the sandbox, for clients and tools that work with
// profiles (`aws --profile`, boto3.Session(profile_name=…), fromIni, and the profiles
// `orgctl profiles --source-profile orgctl-sandbox` generates). The profile names the
// endpoint both globally and per service (the `services` section), as the AWS SDKs and
// Tools reference describes for endpoint_url, and the region the sandbox prints.
import path from "node:path";
import type { Sandbox } from "./start.js";
import { writePrivateFile } from "./environment.js";

export const SANDBOX_PROFILE = "orgctl-sandbox";

/** The services the emulator serves, by their service identifier key for the `services` section (AppConfigData is served with AppConfig). */
const SERVICE_KEYS = ["iam", "sts", "organizations", "appconfig", "appconfigdata"];

export interface ProfileFiles {
  config: string;
  credentials: string;
}

export function configText({ handle, region }: Sandbox, profile = SANDBOX_PROFILE): string {
  const services = SERVICE_KEYS.map((key) => `${key} =\n  endpoint_url = ${handle.url}\n`).join("");
  return (
    `# Written by orgctl sandbox: the local emulator on ${handle.url}, not AWS.\n` +
    `[profile ${profile}]\nregion = ${region}\nendpoint_url = ${handle.url}\nservices = ${profile}\n\n` +
    `[services ${profile}]\n${services}`
  );
}

export function credentialsText({ handle }: Sandbox, profile = SANDBOX_PROFILE): string {
  return (
    `# Written by orgctl sandbox: the emulator's own keys, valid nowhere else.\n` +
    `[${profile}]\naws_access_key_id = ${handle.credentials.accessKeyId}\naws_secret_access_key = ${handle.credentials.secretAccessKey}\n`
  );
}

/** Writes DIR/config and DIR/credentials (both mode 0600) and returns their paths. */
export async function writeProfileFiles(sandbox: Sandbox, dir: string): Promise<ProfileFiles> {
  const files = { config: path.resolve(dir, "config"), credentials: path.resolve(dir, "credentials") };
  await writePrivateFile(files.config, configText(sandbox));
  await writePrivateFile(files.credentials, credentialsText(sandbox));
  return files;
}
