import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { expandRoles, loadDesiredState } from "../src/config/index.js";

const examples = readdirSync("examples").sort();

describe("examples", () => {
  it("covers the five scenarios, the security baseline and the landing zone with groups", () => {
    expect(examples).toEqual(["1-central-appconfig", "2-hub-and-spoke", "3-cross-account-deploys", "4-multi-account-landing", "5-cicd-fanout", "6-security-baseline", "7-landing-zone-groups"]);
  });

  it.each(examples)("%s validates with no errors and no warnings", async (name) => {
    const result = await loadDesiredState(`examples/${name}`);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.state?.organization?.managementAccount).toBe("111111111111");
    expect(result.state?.organization?.accessRole).toBe("OrganizationAccountAccessRole");
    expect(result.state?.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it("central AppConfig: files are read, v2 is promoted up to testing", async () => {
    const { state } = await loadDesiredState("examples/1-central-appconfig");
    expect(state!.files).toEqual([
      "examples/1-central-appconfig/orgctl.yaml",
      "examples/1-central-appconfig/roles.yaml",
      "examples/1-central-appconfig/appconfig/listservices.yaml",
    ]);
    const profile = state!.appconfig[0]!.profiles[0]!;
    expect(state!.appconfig[0]!.region).toBe("eu-west-1");
    expect(profile.validators[0]!.content).toContain('"intResultLimit"');
    expect(profile.versions.map((v) => [v.label, v.contentType])).toEqual([["v1", "application/json"], ["v2", "application/json"]]);
    expect(JSON.parse(profile.versions[1]!.content)).toEqual({ boolEnableLimitResults: true, intResultLimit: 10 });
    expect(profile.deploy.map((d) => `${d.environment}=${d.version}/${d.strategy}`)).toEqual([
      "development=v2/AppConfig.AllAtOnce",
      "testing=v2/AppConfig.AllAtOnce",
      "production=v1/AppConfig.Linear50PercentEvery30Seconds",
    ]);
    // The read permission is a customer managed policy from a file, attached by name.
    const reader = state!.roles.find((r) => r.name === "AppConfigListServicesAccessRole")!;
    expect(reader.managedPolicies).toEqual(["${policy:AppConfigListServicesAccessPolicy}"]);
    const policy = state!.policies.find((p) => p.name === "AppConfigListServicesAccessPolicy")!;
    expect(policy.document.Statement).toHaveLength(1);
  });

  it("multi-account landing: administrator in each member account with AdministratorAccess", async () => {
    const { state } = await loadDesiredState("examples/4-multi-account-landing");
    const admin = expandRoles(state!).filter((p) => p.role.name === "administrator");
    expect(admin.map((p) => p.account.key)).toEqual(["development", "production"]);
    expect(admin[0]!.role.managedPolicies).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
    expect(admin[0]!.role.trust).toMatchObject({ accounts: ["management"], requireMfa: true });
  });

  it("CI/CD fan-out: the deployer role lands in 54 accounts selected by OU, the prod role only where tags match", async () => {
    const { state } = await loadDesiredState("examples/5-cicd-fanout");
    const pairs = expandRoles(state!);
    const deployer = pairs.filter((p) => p.role.name === "cicd-deployer").map((p) => p.account);
    expect(deployer).toHaveLength(54);
    expect(deployer.some((a) => a.key === "cicd" || a.key === "management")).toBe(false);
    const prodOnly = pairs.filter((p) => p.role.name === "cicd-prod-readonly").map((p) => p.account.key);
    expect(prodOnly).toHaveLength(10);
    expect(prodOnly.every((k) => k.endsWith("-prod"))).toBe(true);
    expect(new Set(state!.accounts.map((a) => a.id)).size).toBe(state!.accounts.length);
  });

  it("cross-account deploys: bare managed policy names expand to AWS ARNs, with known paths", async () => {
    const { state } = await loadDesiredState("examples/3-cross-account-deploys");
    const arns = state!.roles.flatMap((r) => r.managedPolicies);
    expect(arns).toContain("arn:aws:iam::aws:policy/AWSCodeDeployDeployerAccess");
    expect(arns).toContain("arn:aws:iam::aws:policy/service-role/AWSCodeDeployRole");
  });

  it("security baseline: five policies by unit, GuardDuty delegated to security, and no guardrail locks orgctl out", async () => {
    const { state, errors } = await loadDesiredState("examples/6-security-baseline");
    expect(errors).toEqual([]);
    const spec = state!.organization!.policies!;
    expect(spec.policies.map((p) => [p.name, p.type, p.targets])).toEqual([
      ["deny-leaving-organization", "SERVICE_CONTROL_POLICY", { root: true, units: [], accounts: [] }],
      ["protect-cloudtrail", "SERVICE_CONTROL_POLICY", { root: false, units: ["Workloads"], accounts: [] }],
      ["region-restriction", "SERVICE_CONTROL_POLICY", { root: false, units: ["Workloads"], accounts: [] }],
      ["sandbox-no-iam-users", "SERVICE_CONTROL_POLICY", { root: false, units: ["Workloads/Sandbox"], accounts: [] }],
      ["cost-center-tags", "TAG_POLICY", { root: false, units: ["Workloads"], accounts: [] }],
    ]);
    expect(spec.delegatedAdministrators.map((d) => [d.account, d.servicePrincipal])).toEqual([["security", "guardduty.amazonaws.com"]]);
    expect(spec.trustedServices).toEqual(["guardduty.amazonaws.com"]);
  });
});
