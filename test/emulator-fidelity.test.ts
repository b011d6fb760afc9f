// Where the emulator used to be kinder than AWS: a global service (IAM, Organizations)
// signed for another region, and timestamps on the accelerated clock landing in the future.
import { describe, expect, it } from "vitest";
import { CreateRoleCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { CreateAccountCommand, CreateOrganizationCommand, DescribeCreateAccountStatusCommand, ListAccountsCommand } from "@aws-sdk/client-organizations";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CreateApplicationCommand, CreateEnvironmentCommand, CreateConfigurationProfileCommand, CreateHostedConfigurationVersionCommand, StartDeploymentCommand, GetDeploymentCommand } from "@aws-sdk/client-appconfig";
import { clientFor, withEmulator } from "./helpers/emulator.js";

const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "111111111111" }, Action: "sts:AssumeRole" }] });

describe("global services accept only signatures scoped to us-east-1", () => {
  const emu = withEmulator();

  it("IAM signed for eu-west-1 → SignatureDoesNotMatch 403 with AWS's scope message; us-east-1 passes", async () => {
    await expect(clientFor(emu(), "iam", { region: "eu-west-1", maxAttempts: 1 }).send(new ListRolesCommand({}))).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      message: "Credential should be scoped to a valid region, not 'eu-west-1'. ",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(clientFor(emu(), "iam", { maxAttempts: 1 }).send(new ListRolesCommand({}))).resolves.toMatchObject({ Roles: [] });
  });

  it("Organizations signed for eu-central-1 → InvalidSignatureException 403", async () => {
    await expect(clientFor(emu(), "organizations", { region: "eu-central-1", maxAttempts: 1 }).send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: "Credential should be scoped to a valid region, not 'eu-central-1'. ",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("STS and AppConfig are regional: any region signs", async () => {
    await expect(clientFor(emu(), "sts", { region: "eu-west-1", maxAttempts: 1 }).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Account: "111111111111" });
  });
});

describe("timestamps are wall-clock time even when the emulated clock runs far ahead", () => {
  // A million times faster: every real millisecond is 1,000 emulated seconds, so no test
  // needs to wait for the emulated clock to get hours ahead, or for work to finish.
  const emu = withEmulator({ timeScale: 1_000_000 });
  const near = (d: Date | undefined) => Math.abs(d!.getTime() - Date.now());

  it("IAM CreateDate, Organizations timestamps and AppConfig deployment times are within seconds of now", async () => {
    // setTimeout waits at least 10 ms: 10,000 emulated seconds.
    await new Promise((r) => setTimeout(r, 10));
    expect(emu().world.clock.now() - Date.now()).toBeGreaterThan(3_600_000);
    const role = await clientFor(emu(), "iam").send(new CreateRoleCommand({ RoleName: "Now", AssumeRolePolicyDocument: trust }));
    expect(near(role.Role!.CreateDate)).toBeLessThan(5_000);

    const orgs = clientFor(emu(), "organizations");
    await orgs.send(new CreateOrganizationCommand({ FeatureSet: "ALL" }));
    const created = await orgs.send(new CreateAccountCommand({ AccountName: "dev", Email: "aws+dev@example.com" }));
    expect(near(created.CreateAccountStatus!.RequestedTimestamp)).toBeLessThan(5_000);
    let status = created.CreateAccountStatus!;
    for (let i = 0; i < 50 && status.State === "IN_PROGRESS"; i++) {
      status = (await orgs.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: status.Id! }))).CreateAccountStatus!;
    }
    expect(status.State).toBe("SUCCEEDED");
    expect(near(status.CompletedTimestamp)).toBeLessThan(5_000);
    const accounts = (await orgs.send(new ListAccountsCommand({}))).Accounts!;
    for (const a of accounts) expect(near(a.JoinedTimestamp)).toBeLessThan(5_000);

    const appconfig = clientFor(emu(), "appconfig", { region: "eu-west-1" });
    const app = await appconfig.send(new CreateApplicationCommand({ Name: "Clock" }));
    const env = await appconfig.send(new CreateEnvironmentCommand({ ApplicationId: app.Id!, Name: "dev" }));
    const profile = await appconfig.send(new CreateConfigurationProfileCommand({ ApplicationId: app.Id!, Name: "p", LocationUri: "hosted" }));
    const version = await appconfig.send(
      new CreateHostedConfigurationVersionCommand({ ApplicationId: app.Id!, ConfigurationProfileId: profile.Id!, Content: new TextEncoder().encode("{}"), ContentType: "application/json" }),
    );
    const started = await appconfig.send(
      new StartDeploymentCommand({
        ApplicationId: app.Id!, EnvironmentId: env.Id!, ConfigurationProfileId: profile.Id!, ConfigurationVersion: String(version.VersionNumber), DeploymentStrategyId: "AppConfig.AllAtOnce",
      }),
    );
    expect(near(started.StartedAt)).toBeLessThan(5_000);
    // AllAtOnce bakes 10 emulated minutes: under a real millisecond at this scale. It completes, and says so at a real time.
    const done = await appconfig.send(new GetDeploymentCommand({ ApplicationId: app.Id!, EnvironmentId: env.Id!, DeploymentNumber: started.DeploymentNumber! }));
    expect(done.State).toBe("COMPLETE");
    expect(near(done.CompletedAt)).toBeLessThan(5_000);
    expect(done.CompletedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    for (const e of done.EventLog!) expect(near(e.OccurredAt)).toBeLessThan(5_000);
  }, 60_000);
});
