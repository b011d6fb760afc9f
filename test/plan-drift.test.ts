// Drift: example 1 applied to a sandbox-seeded emulator with `orgctl apply`, so the plan is
// empty; then live state is changed behind orgctl's back with SDK clients (signed in each
// account through its access role, as a person would) and every change must show up in
// the next plan as the right address, action and patch. Each step adds one drift, so each
// plan holds the drifts so far: a drift that goes missing, or one that leaks into an
// unrelated resource, fails the exact list.
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { ListOrganizationalUnitsForParentCommand, ListRootsCommand, MoveAccountCommand } from "@aws-sdk/client-organizations";
import {
  GetDeploymentCommand,
  ListApplicationsCommand,
  ListConfigurationProfilesCommand,
  ListEnvironmentsCommand,
  ListHostedConfigurationVersionsCommand,
  StartDeploymentCommand,
  TagResourceCommand,
  type AppConfigClient,
} from "@aws-sdk/client-appconfig";
import type { DeploymentResource } from "../src/kinds/appconfig/deployment/resource.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const example = "examples/1-central-appconfig";
const CONFIG = "234567890123";
const DEVELOPMENT = "345678901234";
const PROFILE = "ListServicesAppConfigConfigProfile";
const DEV_ACCOUNT = "management/organizations/account/development";
const READER = "config/iam/role/AppConfigListServicesAccessRole";
const APP_ROLE = "development/iam/role/ListServicesAppRole";
const RUNNER_ROLE = "development/iam/role/AppRunnerInstanceRole";
const APP = "config/appconfig/application/eu-west-1/ListServices";
const DEV_DEPLOYMENT = `config/appconfig/deployment/eu-west-1/ListServices/development/${PROFILE}`;

describe("drift behind orgctl's back (example 1)", () => {
  const sandbox = withExample(example);
  const drifted: string[] = [];

  async function expectDrift(): Promise<Awaited<ReturnType<typeof planJson>>["plan"]> {
    const result = await planJson(sandbox.emulator(), example);
    expect(actions(result.plan)).toEqual([...drifted].sort());
    expect(result.code).toBe(2);
    return result.plan;
  }

  it("applies the example, after which the plan is empty", async () => {
    const audit = join(mkdtempSync(join(tmpdir(), "orgctl-apply-")), "audit.jsonl");
    const applied = await orgctl(sandbox.emulator(), "apply", example, "--auto-approve", "--audit-log", audit);
    expect(applied.stderr).not.toMatch(/^Error/m);
    expect(applied.code).toBe(0);
    const settled = await planJson(sandbox.emulator(), example);
    expect(actions(settled.plan)).toEqual([]);
    expect(settled.code).toBe(0);
  });

  it("sees an account moved to another unit", async () => {
    const org = await clientIn(sandbox.emulator(), "organizations", sandbox.emulator().credentials.accountId);
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const unitId = async (parent: string, name: string) =>
      (await org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent }))).OrganizationalUnits!.find((u) => u.Name === name)!.Id!;
    const workloads = await unitId(rootId, "Workloads");
    await org.send(
      new MoveAccountCommand({ AccountId: DEVELOPMENT, SourceParentId: await unitId(workloads, "Dev"), DestinationParentId: await unitId(workloads, "Prod") }),
    );
    org.destroy();
    drifted.push(`update ${DEV_ACCOUNT}`);
    const plan = await expectDrift();
    expect(changeAt(plan, DEV_ACCOUNT).patch).toEqual([{ op: "replace", path: "/unit", value: "Workloads/Dev" }]);
  });

  it("sees a trust policy edited and an extra managed policy attached", async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", DEVELOPMENT);
    const wider = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${DEVELOPMENT}:root` }, Action: "sts:AssumeRole" }] };
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: "ListServicesAppRole", PolicyDocument: JSON.stringify(wider) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "ListServicesAppRole", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
    iam.destroy();
    drifted.push(`update ${APP_ROLE}`);
    const plan = await expectDrift();
    expect(changeAt(plan, APP_ROLE).patch).toEqual(
      expect.arrayContaining([
        { op: "replace", path: "/assumeRolePolicy/Statement/0/Principal/AWS/0", value: `arn:aws:iam::${DEVELOPMENT}:role/AppRunnerInstanceRole` },
        // Sorted: the app role's own policy (arn:aws:iam::<id>:…) comes before AWS's.
        { op: "remove", path: "/managedPolicies/1" },
      ]),
    );
    expect(changeAt(plan, APP_ROLE).patch).toHaveLength(2);
  });

  it("sees an inline policy deleted", async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", DEVELOPMENT);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: "AppRunnerInstanceRole", PolicyName: "assume-app-role" }));
    iam.destroy();
    drifted.push(`update ${RUNNER_ROLE}`);
    const plan = await expectDrift();
    expect(changeAt(plan, RUNNER_ROLE).patch).toEqual([
      {
        op: "add",
        path: "/inlinePolicies/assume-app-role",
        value: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [`arn:aws:iam::${DEVELOPMENT}:role/ListServicesAppRole`] }],
        },
      },
    ]);
  });

  it("sees a managed role deleted, and ignores a role made by hand", async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", CONFIG);
    await iam.send(new DetachRolePolicyCommand({ RoleName: "AppConfigListServicesAccessRole", PolicyArn: `arn:aws:iam::${CONFIG}:policy/AppConfigListServicesAccessPolicy` }));
    await iam.send(new DeleteRoleCommand({ RoleName: "AppConfigListServicesAccessRole" }));
    const trustConfig = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${CONFIG}:root` }, Action: "sts:AssumeRole" }] };
    await iam.send(new CreateRoleCommand({ RoleName: "made-by-hand", AssumeRolePolicyDocument: JSON.stringify(trustConfig) }));
    iam.destroy();
    drifted.push(`create ${READER}`);
    const plan = await expectDrift();
    expect(changeAt(plan, READER).before).toBeNull();
    expect(plan.changes.filter((c) => c.name.includes("made-by-hand"))).toEqual([]);
  });

  it("sees an application retagged", async () => {
    const appconfig = await clientIn(sandbox.emulator(), "appconfig", CONFIG, "eu-west-1");
    const appId = await applicationId(appconfig);
    await appconfig.send(new TagResourceCommand({ ResourceArn: `arn:aws:appconfig:eu-west-1:${CONFIG}:application/${appId}`, Tags: { team: "someone-else" } }));
    appconfig.destroy();
    drifted.push(`update ${APP}`);
    const plan = await expectDrift();
    expect(changeAt(plan, APP).patch).toEqual([{ op: "remove", path: "/tags/team" }]);
  });

  it("sees another version deployed to an environment", async () => {
    const appconfig = await clientIn(sandbox.emulator(), "appconfig", CONFIG, "eu-west-1");
    const appId = await applicationId(appconfig);
    const envId = (await appconfig.send(new ListEnvironmentsCommand({ ApplicationId: appId }))).Items!.find((e) => e.Name === "development")!.Id!;
    const profileId = (await appconfig.send(new ListConfigurationProfilesCommand({ ApplicationId: appId }))).Items!.find((p) => p.Name === PROFILE)!.Id!;
    const versions = (await appconfig.send(new ListHostedConfigurationVersionsCommand({ ApplicationId: appId, ConfigurationProfileId: profileId }))).Items!;
    const v1 = versions.find((v) => v.Description === "v1")!.VersionNumber!;
    const started = await appconfig.send(
      new StartDeploymentCommand({
        ApplicationId: appId,
        EnvironmentId: envId,
        ConfigurationProfileId: profileId,
        ConfigurationVersion: String(v1),
        DeploymentStrategyId: "AppConfig.AllAtOnce",
      }),
    );
    // AllAtOnce bakes for 10 emulated minutes: one real second at the sandbox's time scale.
    for (let state = started.State; state !== "COMPLETE"; ) {
      await new Promise((r) => setTimeout(r, 200));
      state = (await appconfig.send(new GetDeploymentCommand({ ApplicationId: appId, EnvironmentId: envId, DeploymentNumber: started.DeploymentNumber! }))).State;
    }
    appconfig.destroy();
    drifted.push(`deploy ${DEV_DEPLOYMENT}`);
    const plan = await expectDrift();
    const change = changeAt(plan, DEV_DEPLOYMENT);
    expect(change.before).toMatchObject({ versionLabel: "v1", versionNumber: v1 } satisfies Partial<DeploymentResource>);
    expect(change.after).toMatchObject({ versionLabel: "v2", strategy: "AppConfig.AllAtOnce" } satisfies Partial<DeploymentResource>);
    expect(change.dependsOn).toEqual([]);
  });
});

async function applicationId(appconfig: AppConfigClient): Promise<string> {
  return (await appconfig.send(new ListApplicationsCommand({}))).Items!.find((a) => a.Name === "ListServices")!.Id!;
}
