// `orgctl sandbox` hands over an environment that works unchanged for every AWS client:
// the exports, the --write-env file and the --profile-dir files, run as the sandbox-admin
// user with the desired state's region; and `orgctl profiles` output assumes roles with it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-providers";
import { writeProfileFiles } from "../src/sandbox/profile-files.js";
import { orgctl, withExample } from "./helpers/example-sandbox.js";

const ADMIN = "arn:aws:iam::111111111111:user/sandbox-admin";

/** Starts `orgctl sandbox …` and resolves once it has printed its environment. */
function startCli(args: string[]): Promise<{ child: ChildProcess; stdout: string; stderr: () => string }> {
  const child = spawn(process.execPath, ["dist/orgctl.mjs", "sandbox", ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (c: Buffer) => {
      stdout += c.toString();
      const complete = args.includes("--profile-dir") ? /export AWS_SHARED_CREDENTIALS_FILE=.*\n/ : /export AWS_EC2_METADATA_DISABLED=.*\n/;
      if (complete.test(stdout)) resolve({ child, stdout, stderr: () => stderr });
    });
    child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("exit", (code) => reject(new Error(`sandbox exited ${code}: ${stderr}`)));
  });
}

function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split("\n").map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

/** A script in the given language run with exactly this environment (plus PATH), printing JSON. */
function runWith(env: Record<string, string>, command: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env }, encoding: "utf8", cwd: process.cwd(), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const JS_CLIENTS = `
import { IAMClient, ListRolesCommand } from "@aws-sdk/client-iam";
import { OrganizationsClient, DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AppConfigClient, ListApplicationsCommand } from "@aws-sdk/client-appconfig";
const appconfig = new AppConfigClient({});
const out = {
  arn: (await new STSClient({}).send(new GetCallerIdentityCommand({}))).Arn,
  roles: (await new IAMClient({}).send(new ListRolesCommand({}))).Roles.length,
  management: (await new OrganizationsClient({}).send(new DescribeOrganizationCommand({}))).Organization.MasterAccountId,
  applications: (await appconfig.send(new ListApplicationsCommand({}))).Items.length,
  region: await appconfig.config.region(),
};
console.log(JSON.stringify(out));`;

const BOTO3_CLIENTS = `
import boto3, json
print(json.dumps({
  "arn": boto3.client("sts").get_caller_identity()["Arn"],
  "roles": len(boto3.client("iam").list_roles()["Roles"]),
  "management": boto3.client("organizations").describe_organization()["Organization"]["MasterAccountId"],
  "applications": len(boto3.client("appconfig").list_applications()["Items"]),
  "region": boto3.client("appconfig").meta.region_name,
}))`;

const hasBoto3 = spawnSync("python3", ["-c", "import boto3"]).status === 0;

describe("orgctl sandbox prints an environment every client can use", () => {
  let dir = "";
  let sandbox: { child: ChildProcess; stdout: string; stderr: () => string } | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "orgctl-sandbox-env-"));
    sandbox = await startCli(["examples/1-central-appconfig", "--write-env", path.join(dir, "sandbox.env"), "--profile-dir", path.join(dir, "aws")]);
  });
  afterAll(async () => {
    sandbox?.child.kill("SIGINT");
    await rm(dir, { recursive: true, force: true });
  });

  it("exports the endpoint, the sandbox-admin keys and the settings region for the JS SDK and botocore alike, and writes the same to --write-env (0600)", async () => {
    const exported = Object.fromEntries([...sandbox!.stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1], m[2]]));
    expect(Object.keys(exported).sort()).toEqual([
      "AWS_ACCESS_KEY_ID", "AWS_CONFIG_FILE", "AWS_DEFAULT_REGION", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_SECRET_ACCESS_KEY", "AWS_SHARED_CREDENTIALS_FILE",
    ]);
    expect(exported).toMatchObject({ AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "AKIAEMULATOR00000001" });
    expect(exported.AWS_ENDPOINT_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox!.stdout).toContain("unset AWS_PROFILE AWS_SESSION_TOKEN\n");

    const file = path.join(dir, "sandbox.env");
    expect(parseEnvFile(await readFile(file, "utf8"))).toEqual(exported);
    for (const f of [file, path.join(dir, "aws", "config"), path.join(dir, "aws", "credentials")]) expect((await stat(f)).mode & 0o777).toBe(0o600);
  });

  it("the JS SDK v3, with nothing but the env file, reaches all four services as sandbox-admin in eu-west-1", async () => {
    const env = parseEnvFile(await readFile(path.join(dir, "sandbox.env"), "utf8"));
    const r = runWith(env, process.execPath, ["--input-type=module", "-e", JS_CLIENTS]);
    // (stderr may carry the SDK's notice about the Node version, nothing else)
    expect(r.stderr).not.toMatch(/Error|Exception/);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ arn: ADMIN, roles: 0, management: "111111111111", applications: 0, region: "eu-west-1" });
  });

  it.skipIf(!hasBoto3)("boto3 (as the AWS CLI v1 and v2 use botocore) does too, by the env file or by the profile alone", async () => {
    const env = parseEnvFile(await readFile(path.join(dir, "sandbox.env"), "utf8"));
    const byEnv = runWith(env, "python3", ["-c", BOTO3_CLIENTS]);
    expect(byEnv.stderr).toBe("");
    expect(JSON.parse(byEnv.stdout)).toEqual({ arn: ADMIN, roles: 0, management: "111111111111", applications: 0, region: "eu-west-1" });

    const byProfile = runWith({ AWS_CONFIG_FILE: env.AWS_CONFIG_FILE!, AWS_SHARED_CREDENTIALS_FILE: env.AWS_SHARED_CREDENTIALS_FILE!, AWS_PROFILE: "orgctl-sandbox", AWS_EC2_METADATA_DISABLED: "true" }, "python3", ["-c", BOTO3_CLIENTS]);
    expect(byProfile.stderr).toBe("");
    expect(JSON.parse(byProfile.stdout)).toEqual({ arn: ADMIN, roles: 0, management: "111111111111", applications: 0, region: "eu-west-1" });
  });
});

describe("orgctl sandbox from a snapshot whose first key is root's", () => {
  it("says that root cannot assume roles, and which principal the printed keys are", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "orgctl-sandbox-root-"));
    const file = path.join(dir, "snapshot.json");
    await writeFile(file, JSON.stringify({ formatVersion: 1, credentials: [{ accessKeyId: "AKIAROOT000000000001", secretAccessKey: "root-secret", accountId: "111111111111" }] }));
    const started = await startCli(["--snapshot", file]);
    try {
      expect(started.stdout).toContain("(signed in as arn:aws:iam::111111111111:root)");
      // stderr and stdout are separate pipes: the note may arrive just after the exports.
      await expect.poll(() => started.stderr()).toBe(
        "note: the snapshot's first key belongs to the root user; AWS refuses AssumeRole to root, so orgctl cannot reach member accounts with it. " +
          'Put a key with "userName" first in the snapshot\'s credentials.\n',
      );
    } finally {
      started.child.kill("SIGINT");
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("orgctl profiles output assumes the roles it lists, as the sandbox's IAM user", () => {
  const example = "examples/4-multi-account-landing";
  const sandbox = withExample(example);
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "orgctl-sandbox-profiles-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("after apply, a generated profile (source_profile = the sandbox profile, MFA) gets an administrator session in the member account", async () => {
    const handle = sandbox.emulator();
    expect((await orgctl(handle, "apply", example, "--auto-approve")).code).toBe(0);
    const files = await writeProfileFiles({ handle, region: "eu-west-1" }, dir);
    const written = await orgctl(handle, "profiles", example, "--source-profile", "orgctl-sandbox", "--mfa-serial", "arn:aws:iam::111111111111:mfa/sandbox-admin", "--write", files.config);
    expect(written.code).toBe(0);
    expect(await readFile(files.config, "utf8")).toContain("[profile development-administrator]\nrole_arn = arn:aws:iam::210987654321:role/administrator\nsource_profile = orgctl-sandbox\n");

    const credentials = fromIni({
      profile: "development-administrator",
      filepath: files.credentials,
      configFilepath: files.config,
      mfaCodeProvider: async () => "123456",
      clientConfig: { endpoint: handle.url },
    });
    const sts = new STSClient({ endpoint: handle.url, region: "eu-west-1", credentials });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    expect(who.Account).toBe("210987654321");
    expect(who.Arn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/administrator\/[\w+=,.@-]+$/);
    sts.destroy();
  }, 180_000);
});
