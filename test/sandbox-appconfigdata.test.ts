// The example application's flow against the sandbox (examples/1): App Runner gives the
// instance role's credentials to the app, which assumes its app role in the development
// account, then the read role in the config account, and reads the development
// environment's configuration through AppConfigData, from the JS SDK and from boto3; after
// a promotion (a new version deployed to development by orgctl apply) it sees the change.
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { GetLatestConfigurationCommand, StartConfigurationSessionCommand } from "@aws-sdk/client-appconfigdata";
import { clientFor, type Keys } from "./helpers/emulator.js";
import { clientIn, orgctl, withExample } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const DEVELOPMENT = "345678901234";
const CONFIG = "234567890123";
const hasBoto3 = spawnSync("python3", ["-c", "import boto3"]).status === 0;

const BOTO3_READ = `
import boto3, json, os, sys
client = boto3.client("appconfigdata", region_name="eu-west-1", endpoint_url=os.environ["ENDPOINT"])
token = client.start_configuration_session(ApplicationIdentifier="ListServices", EnvironmentIdentifier="development",
    ConfigurationProfileIdentifier="ListServicesAppConfigConfigProfile")["InitialConfigurationToken"]
out = client.get_latest_configuration(ConfigurationToken=token)
print(json.dumps({"configuration": json.loads(out["Configuration"].read()), "label": out.get("VersionLabel"), "poll": out["NextPollIntervalInSeconds"]}))
`;

describe("the example application reads its configuration from the sandbox", () => {
  const sandbox = withExample("examples/1-central-appconfig");
  let dir = "";
  let example = "";

  beforeAll(async () => {
    // A copy, so the promotion below can edit it (and one owner applies both revisions).
    dir = await mkdtemp(path.join(tmpdir(), "orgctl-appconfigdata-"));
    example = path.join(dir, "example");
    await cp("examples/1-central-appconfig", example, { recursive: true });
    const applied = await orgctl(sandbox.emulator(), "apply", example, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** The read role's credentials, reached the way the application reaches them. */
  async function readRoleCredentials(): Promise<Keys> {
    const handle = sandbox.emulator();
    const iam = await clientIn(handle, "iam", DEVELOPMENT);
    const instanceRole = (await iam.send(new GetRoleCommand({ RoleName: "AppRunnerInstanceRole" }))).Role!;
    // What App Runner hands the application: a session of its instance role (the emulator has no App Runner to do it).
    const instance = handle.world.issueCredentials(
      {
        accountId: DEVELOPMENT,
        arn: `arn:aws:sts::${DEVELOPMENT}:assumed-role/AppRunnerInstanceRole/instance`,
        type: "assumed-role",
        roleArn: instanceRole.Arn!,
        roleName: "AppRunnerInstanceRole",
        userId: `${instanceRole.RoleId}:instance`,
        sessionName: "instance",
        mfaPresent: false,
      },
      3600,
    );
    let keys: Keys = { accessKeyId: instance.accessKeyId, secretAccessKey: instance.secretAccessKey, sessionToken: instance.sessionToken };
    for (const roleArn of [`arn:aws:iam::${DEVELOPMENT}:role/ListServicesAppRole`, `arn:aws:iam::${CONFIG}:role/AppConfigListServicesAccessRole`]) {
      const sts = clientFor(handle, "sts", { credentials: keys, region: "eu-west-1" });
      const c = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "listservices" }))).Credentials!;
      keys = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    }
    return keys;
  }

  it("from the JS SDK: v2 in development, then v3 once it is promoted there", async () => {
    const keys = await readRoleCredentials();
    const data = clientFor(sandbox.emulator(), "appconfigdata", { credentials: keys, region: "eu-west-1" });
    const started = await data.send(
      new StartConfigurationSessionCommand({ ApplicationIdentifier: "ListServices", EnvironmentIdentifier: "development", ConfigurationProfileIdentifier: "ListServicesAppConfigConfigProfile" }),
    );
    const first = await data.send(new GetLatestConfigurationCommand({ ConfigurationToken: started.InitialConfigurationToken }));
    expect(JSON.parse(new TextDecoder().decode(first.Configuration))).toEqual({ boolEnableLimitResults: true, intResultLimit: 10 });
    expect(first.ContentType).toBe("application/json");

    // The promotion: a new version, deployed to development by orgctl.
    const file = path.join(example, "appconfig", "listservices.yaml");
    const yaml = await readFile(file, "utf8");
    await writeFile(
      file,
      yaml
        .replace("          v2: { content: { boolEnableLimitResults: true, intResultLimit: 10 } }", "          v2: { content: { boolEnableLimitResults: true, intResultLimit: 10 } }\n          v3: { content: { boolEnableLimitResults: true, intResultLimit: 25 } }")
        .replace("development: { version: v2, strategy: AppConfig.AllAtOnce }", "development: { version: v3, strategy: AppConfig.AllAtOnce }"),
    );
    const promoted = await orgctl(sandbox.emulator(), "apply", example, "--auto-approve", "--audit-log", auditFile());
    expect(promoted.code).toBe(0);

    // AllAtOnce reaches every session at once (its bake time only delays COMPLETE).
    const second = await data.send(new GetLatestConfigurationCommand({ ConfigurationToken: first.NextPollConfigurationToken }));
    expect(JSON.parse(new TextDecoder().decode(second.Configuration))).toEqual({ boolEnableLimitResults: true, intResultLimit: 25 });
  });

  it.skipIf(!hasBoto3)("from boto3 with the same credentials", async () => {
    const keys = await readRoleCredentials();
    // Asynchronously: the emulator answers from this very process.
    const r = await promisify(execFile)("python3", ["-c", BOTO3_READ], {
      encoding: "utf8",
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? "", ENDPOINT: sandbox.emulator().url, AWS_ACCESS_KEY_ID: keys.accessKeyId, AWS_SECRET_ACCESS_KEY: keys.secretAccessKey, AWS_SESSION_TOKEN: keys.sessionToken ?? "", AWS_EC2_METADATA_DISABLED: "true" },
    });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ configuration: { boolEnableLimitResults: true, intResultLimit: 25 }, label: null, poll: 60 });
  });
});
