import { describe, expect, it } from "vitest";
import { buildPlan, planExitCode } from "../src/engine/plan.js";
import type { Plan } from "../src/engine/types.js";
import type { LiveApplication, LiveEnvironment } from "../src/kinds/appconfig/live.js";
import { MANAGED, app, desired, live, liveAccount, sha256 } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const actions = (plan: Plan) => plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.type} ${c.name}`);
const V1 = '{"limit":1}';
const V2 = '{"limit":2}';

/** The live application as AppConfig would hold it with v1 (#1) and v2 (#2) hosted and deployed as given. */
function liveApp(deployed: { development?: string; production?: string }, extra: Partial<LiveApplication> = {}): LiveApplication {
  const env = (id: string, name: string, version?: string): LiveEnvironment => ({ id, name, state: "ReadyForDeployment", tags: {}, deployed: version ? { p1: { version } } : {} });
  return {
    id: "a1",
    name: "ListServices",
    tags: { ...MANAGED },
    environments: [env("e1", "development", deployed.development), env("e2", "production", deployed.production)],
    profiles: [
      {
        id: "p1",
        name: "Main",
        type: "AWS.Freeform",
        validators: [],
        versions: [
          { versionNumber: 1, description: "v1", contentType: "application/json", content: V1, contentSha256: sha256(V1) },
          { versionNumber: 2, description: "v2", contentType: "application/json", content: V2, contentSha256: sha256(V2) },
        ],
      },
    ],
    ...extra,
  };
}

const withApp = (application: LiveApplication) => {
  const dev = liveAccount("222222222222");
  dev.appconfig = { "eu-west-1": { ListServices: application } };
  dev.strategies = { "eu-west-1": { "AppConfig.AllAtOnce": "AppConfig.AllAtOnce" } };
  return live({ dev });
};

describe("AppConfig diff", () => {
  it("creates everything in dependency order for a new application", () => {
    const plan = buildPlan(desired({ appconfig: [app()] }), live(), opts);
    const order = plan.changes.map((c) => c.address);
    const pos = (suffix: string) => order.findIndex((a) => a.endsWith(suffix));
    expect(pos("application/eu-west-1/ListServices")).toBeLessThan(pos("environment/eu-west-1/ListServices/development"));
    expect(pos("profile/eu-west-1/ListServices/Main")).toBeLessThan(pos("version/eu-west-1/ListServices/Main/v2"));
    expect(pos("version/eu-west-1/ListServices/Main/v2")).toBeLessThan(pos("deployment/eu-west-1/ListServices/development/Main"));
    const deploy = plan.changes.find((c) => c.name === "eu-west-1/ListServices/development/Main");
    // v2 is sensitive: the profile's content hashes stay out of the plan (apply takes them from the YAML).
    expect(deploy?.after).toEqual({ application: "ListServices", region: "eu-west-1", environment: "development", profile: "Main", versionLabel: "v2", contentSha256: "(sensitive)", strategy: "AppConfig.AllAtOnce" });
  });

  it("no change when the hosted versions exist and each environment runs its pinned content", () => {
    const plan = buildPlan(desired({ appconfig: [app()] }), withApp(liveApp({ development: "2", production: "1" })), opts);
    expect(actions(plan)).toEqual([]);
  });

  it("a released label's content never changes: new content under a label deployed anywhere is a conflict that says to add a new label", () => {
    const spec = app();
    spec.profiles[0]!.versions[1]!.content = '{"limit":3}';
    const plan = buildPlan(desired({ appconfig: [spec] }), withApp(liveApp({ development: "2", production: "1" })), opts);
    expect(actions(plan)).toEqual([]);
    expect(plan.conflicts).toEqual([
      {
        address: "dev/appconfig/version/eu-west-1/ListServices/Main/v2",
        message: "version v2 of profile Main is deployed (development) and a released label's content never changes: add the new content under a new label and deploy that",
      },
    ]);
    expect(planExitCode(plan)).toBe(1);
    // The override is for labels deployed nowhere: it does not lift this conflict.
    spec.profiles[0]!.versions[1]!.replace = true;
    expect(buildPlan(desired({ appconfig: [spec] }), withApp(liveApp({ development: "2", production: "1" })), opts).conflicts).toHaveLength(1);
  });

  it("new content under a label deployed nowhere needs replace: true, then is a new version (never an update) and a deploy where it is pinned", () => {
    const spec = app();
    spec.profiles[0]!.versions[1]!.content = '{"limit":3}';
    const refused = buildPlan(desired({ appconfig: [spec] }), withApp(liveApp({ development: "1", production: "1" })), opts);
    expect(refused.conflicts).toEqual([
      {
        address: "dev/appconfig/version/eu-west-1/ListServices/Main/v2",
        message: "version v2 of profile Main already exists with other content (deployed nowhere): add the new content under a new label, or set replace: true on v2 to store it under the same label",
      },
    ]);
    spec.profiles[0]!.versions[1]!.replace = true;
    const plan = buildPlan(desired({ appconfig: [spec] }), withApp(liveApp({ development: "1", production: "1" })), opts);
    expect(plan.conflicts).toEqual([]);
    expect(actions(plan)).toEqual(["create version eu-west-1/ListServices/Main/v2", "deploy deployment eu-west-1/ListServices/development/Main"]);
    const deploy = plan.changes[1];
    expect(deploy?.dependsOn).toEqual(["dev/appconfig/version/eu-west-1/ListServices/Main/v2"]);
    expect(plan.changes[0]?.sensitive).toBe(true);
    expect(plan.changes[0]?.after).toMatchObject({ content: "(sensitive)", contentSha256: "(sensitive)" });
    expect(JSON.stringify(plan)).not.toContain(sha256('{"limit":3}'));
  });

  it("a label rolling out somewhere counts as deployed", () => {
    const spec = app();
    spec.profiles[0]!.versions[1]!.content = '{"limit":3}';
    const application = liveApp({ development: "1", production: "1" });
    application.environments[1]!.deployed.p1!.running = { deploymentNumber: 3, environmentId: "e2", configurationProfileId: "p1", configurationVersion: "2", deploymentStrategyId: "x", state: "DEPLOYING" };
    const plan = buildPlan(desired({ appconfig: [spec] }), withApp(application), opts);
    expect(plan.conflicts.map((c) => c.message)).toEqual([
      "version v2 of profile Main is deployed (production) and a released label's content never changes: add the new content under a new label and deploy that",
    ]);
  });

  it("deploys per environment: only the one whose deployed content differs", () => {
    const plan = buildPlan(desired({ appconfig: [app()] }), withApp(liveApp({ development: "1", production: "1" })), opts);
    expect(actions(plan)).toEqual(["deploy deployment eu-west-1/ListServices/development/Main"]);
    expect(plan.changes[0]?.dependsOn).toEqual([]);
  });

  const running = (configurationVersion: string, state: string) => {
    const application = liveApp({ development: "1", production: "1" });
    application.environments[0]!.deployed.p1!.running = { deploymentNumber: 7, environmentId: "e1", configurationProfileId: "p1", configurationVersion, deploymentStrategyId: "x", state };
    return buildPlan(desired({ appconfig: [app()] }), withApp(application), opts);
  };

  it("a running deployment of other content is stopped first: the deploy says so and is destructive", () => {
    const plan = running("1", "BAKING");
    expect(actions(plan)).toEqual(["deploy deployment eu-west-1/ListServices/development/Main"]);
    expect(words(plan.changes[0])).toEqual(["stop deployment #7 (rolling out v1), then deploy v2"]);
    expect(plan.changes[0]?.destructive).toBe(true);
    // The profile has a sensitive version: the rollout's content hash stays out of the plan too.
    expect((plan.changes[0]?.before as { rollingOut?: unknown }).rollingOut).toEqual({ deploymentNumber: 7, versionLabel: "v1", contentSha256: "(sensitive)" });
  });

  it("a deployment of the pinned content still deploying or baking converges: no change, a note", () => {
    for (const state of ["DEPLOYING", "BAKING"]) {
      const plan = running("2", state);
      expect(actions(plan)).toEqual([]);
      expect(planExitCode(plan)).toBe(0);
      const deploy = plan.changes.find((c) => c.type === "deployment");
      expect(deploy?.action).toBe("noop");
      expect(words(deploy)).toEqual([`deployment #7 in progress (${state}): v2 is being deployed`]);
    }
  });

  it("a deployment of the pinned content rolling back does not converge: deploy again, blocked until it ends", () => {
    const plan = running("2", "ROLLING_BACK");
    expect(actions(plan)).toEqual(["deploy deployment eu-west-1/ListServices/development/Main"]);
    expect(words(plan.changes[0])?.[0]).toMatch(/^blocked: deployment #7 is ROLLING_BACK/);
  });

  it("environment monitors are part of the environment: added, changed or removed is an update naming them", () => {
    const alarm = "arn:aws:cloudwatch:eu-west-1:222222222222:alarm:errors";
    const spec = app();
    spec.environments[1]!.monitors = [{ alarm }];
    const plan = buildPlan(desired({ appconfig: [spec] }), withApp(liveApp({ development: "2", production: "1" })), opts);
    expect(actions(plan)).toEqual(["update environment eu-west-1/ListServices/production"]);
    expect(plan.changes[0]?.after).toMatchObject({ monitors: [{ alarm }] });
    expect(words(plan.changes[0]!)).toEqual(["monitors"]);

    const watched = liveApp({ development: "2", production: "1" });
    watched.environments[1]!.monitors = [{ alarm }];
    expect(actions(buildPlan(desired({ appconfig: [spec] }), withApp(watched), opts))).toEqual([]);
    expect(actions(buildPlan(desired({ appconfig: [app()] }), withApp(watched), opts))).toEqual(["update environment eu-west-1/ListServices/production"]);
  });

  it("validators compare as parsed JSON", () => {
    const spec = app();
    spec.profiles[0]!.validators = [{ type: "JSON_SCHEMA", content: '{ "type": "object",\n "required": ["limit"] }', source: "schema.json" }];
    const application = liveApp({ development: "2", production: "1" });
    application.profiles[0]!.validators = [{ type: "JSON_SCHEMA", content: '{"required":["limit"],"type":"object"}' }];
    expect(actions(buildPlan(desired({ appconfig: [spec] }), withApp(application), opts))).toEqual([]);
    application.profiles[0]!.validators = [{ type: "JSON_SCHEMA", content: '{"type":"object"}' }];
    expect(actions(buildPlan(desired({ appconfig: [spec] }), withApp(application), opts))).toEqual(["update profile eu-west-1/ListServices/Main"]);
  });

  it("an unmanaged application of the same name is a conflict unless adopted", () => {
    const unmanaged = liveApp({ development: "2", production: "1" }, { tags: {} });
    const conflict = buildPlan(desired({ appconfig: [app()] }), withApp(unmanaged), opts);
    expect(actions(conflict)).toEqual([]);
    expect(conflict.conflicts[0]?.address).toBe("dev/appconfig/application/eu-west-1/ListServices");
    const adopt = buildPlan(desired({ appconfig: [app({ adopt: true })] }), withApp(unmanaged), opts);
    expect(actions(adopt)).toEqual(["adopt application eu-west-1/ListServices"]);
  });

  it("an unknown deployment strategy is a conflict", () => {
    const spec = app();
    spec.profiles[0]!.deploy[0]!.strategy = "Custom.Missing";
    const plan = buildPlan(desired({ appconfig: [spec] }), withApp(liveApp({ development: "1", production: "1" })), opts);
    expect(plan.conflicts.map((c) => c.message)).toEqual(["deployment strategy Custom.Missing does not exist in eu-west-1"]);
  });

  it("environments no longer listed are deleted only with prune", () => {
    const spec = app();
    spec.environments = spec.environments.filter((e) => e.name === "development");
    spec.profiles[0]!.deploy = spec.profiles[0]!.deploy.filter((d) => d.environment === "development");
    const liveState = withApp(liveApp({ development: "2", production: "1" }));
    expect(actions(buildPlan(desired({ appconfig: [spec] }), liveState, opts))).toEqual([]);
    expect(actions(buildPlan(desired({ appconfig: [spec] }), liveState, { ...opts, prune: true }))).toEqual(["delete environment eu-west-1/ListServices/production"]);
  });
});
