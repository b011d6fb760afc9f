import { describe, expect, it } from "vitest";
import { clientFactoryFor, withEmulator } from "./helpers/emulator.js";
import { account, app, desiredState, loc, role } from "./helpers/readers-desired.js";
import { readLiveState } from "../src/engine/read-live.js";
import type { Snapshot } from "../src/emulator/index.js";
import { KINDS } from "../src/kinds/registry.js";

const MGMT = "111111111111";
const CONFIG = "222222222222";
const DEV = "333333333333";
const PROD = "444444444444";
const LOCKED = "555555555555";
const ACCESS_ROLE = "OrganizationAccountAccessRole";
const MANAGED = [{ Key: "orgctl:managed", Value: "true" }];

const adminTrust = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }],
};
// Characters that URL-encoding changes: spaces, &, +, %, /, quotes and non-ASCII.
const inline = {
  Version: "2012-10-17",
  Statement: [{ Sid: "ReadConfig", Effect: "Allow", Action: ["appconfig:GetLatestConfiguration"], Resource: "arn:aws:appconfig:*:*:application/a+b&c%20d/é \"x\"" }],
};
const schema = JSON.stringify({ type: "object", properties: { boolEnableLimitResults: { type: "boolean" } } });
const v1 = JSON.stringify({ boolEnableLimitResults: false });
const v2 = JSON.stringify({ boolEnableLimitResults: true, intResultLimit: 10 }, null, 2);

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    units: [{ path: "Deployments" }, { path: "Workloads", tags: { tier: "workloads" } }, { path: "Workloads/Dev", tags: { env: "dev" } }, { path: "Workloads/Prod" }, { path: "Sandbox" }],
    accounts: [
      { id: MGMT, name: "management", email: "aws+management@example.com" },
      { id: CONFIG, name: "config", email: "aws+config@example.com", unit: "Deployments" },
      { id: DEV, name: "development", email: "AWS+Development@example.com", unit: "Workloads/Dev", tags: { env: "dev" } },
      { id: PROD, name: "production", email: "aws+production@example.com", unit: "Workloads/Prod", tags: { env: "prod" } },
      { id: LOCKED, name: "locked", email: "aws+locked@example.com", unit: "Sandbox", accessRole: false },
    ],
  },
  iam: {
    accounts: {
      [DEV]: {
        roles: [
          { RoleName: "administrator", Description: "Admins from management", MaxSessionDuration: 7200, AssumeRolePolicyDocument: adminTrust, ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"], InlinePolicies: { "read-config": inline }, Tags: MANAGED },
          { RoleName: "retired", Path: "/automation/", AssumeRolePolicyDocument: adminTrust, Tags: MANAGED },
          { RoleName: "hand-made", AssumeRolePolicyDocument: adminTrust },
        ],
        instanceProfiles: [{ InstanceProfileName: "retired-hosts", Roles: ["retired"] }, { InstanceProfileName: "empty-hosts" }],
      },
      [LOCKED]: { roles: [{ RoleName: ACCESS_ROLE, AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "sts:AssumeRole" }] } }] },
    },
  },
  appconfig: {
    accounts: {
      [CONFIG]: {
        "eu-west-1": {
          applications: [
            {
              Name: "ListServices",
              Tags: { "orgctl:managed": "true" },
              environments: [{ Name: "development", Tags: { stage: "dev" } }, "production"],
              profiles: [
                {
                  Name: "ListServicesProfile",
                  Validators: [{ Type: "JSON_SCHEMA", Content: schema }],
                  versions: [
                    { content: v1, contentType: "application/json", description: "v1" },
                    { content: "{\"scratch\":1}", contentType: "application/json", description: "experiment" },
                    { content: v2, contentType: "application/json", description: "v2" },
                  ],
                },
              ],
              deployments: [
                { environment: "production", profile: "ListServicesProfile", version: 1, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" },
                { environment: "development", profile: "ListServicesProfile", version: 1, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" },
                { environment: "development", profile: "ListServicesProfile", version: 3, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" },
              ],
            },
            { Name: "SomeoneElses", environments: ["dev"] },
          ],
        },
      },
    },
  },
};

const desired = desiredState({
  managementAccount: MGMT,
  units: ["Deployments", "Workloads", "Workloads/Dev", "Workloads/Prod"],
  accounts: [
    account("management", { id: MGMT, email: "aws+management@example.com" }),
    account("config", { id: CONFIG, email: "aws+config@example.com", unit: "Deployments" }),
    // No id in the YAML: found by email (case-insensitively).
    account("development", { email: "aws+development@example.com", unit: "Workloads/Dev", tags: { env: "dev" } }),
    account("production", { id: PROD, email: "aws+production@example.com", unit: "Workloads/Prod" }),
    account("locked", { id: LOCKED, email: "aws+locked@example.com", unit: "Sandbox" }),
    // Not created yet: nothing to read.
    account("newcomer", { email: "aws+newcomer@example.com" }),
  ],
  // The locked account is read (a role is targeted there) and cannot be reached.
  roles: [role("administrator", ["development", "production"]), role("auditor", ["locked"])],
  appconfig: [
    app("ListServices", "config", "eu-west-1", {
      environments: [{ name: "development", tags: {}, loc }, { name: "production", tags: {}, loc }],
      profiles: [
        {
          name: "ListServicesProfile",
          type: "AWS.Freeform",
          validators: [],
          versions: [{ label: "v1", content: v1, contentType: "application/json", sensitive: false, loc }, { label: "v2", content: v2, contentType: "application/json", sensitive: false, loc }],
          deploy: [],
          loc,
        },
      ],
    }),
  ],
});

const emulator = withEmulator({ snapshot });

const factory = () => clientFactoryFor(emulator(), { accessRole: ACCESS_ROLE });

const sha256 = async (text: string) => (await import("node:crypto")).createHash("sha256").update(text).digest("hex");
const id = expect.any(String);

describe("readLiveState", () => {
  it("reads the organization, roles and AppConfig into the exact LiveState, and reports an unreachable account", async () => {
    const clients = factory();
    const progress: [number, number][] = [];
    const live = await readLiveState(desired, { kinds: KINDS, clients, concurrency: 2, onProgress: (d, t) => progress.push([d, t]) });
    clients.destroy();

    const org = live.organization!;
    const unit = (path: string) => org.units.find((u) => u.path === path)!;
    expect(org).toEqual({
      id,
      managementAccountId: MGMT,
      rootId: id,
      pendingCreates: [],
      units: [
        { id, name: "Deployments", path: "Deployments", parentId: org.rootId, tags: {} },
        { id, name: "Sandbox", path: "Sandbox", parentId: org.rootId, tags: {} },
        { id, name: "Workloads", path: "Workloads", parentId: org.rootId, tags: { tier: "workloads" } },
        { id, name: "Dev", path: "Workloads/Dev", parentId: unit("Workloads").id, tags: { env: "dev" } },
        { id, name: "Prod", path: "Workloads/Prod", parentId: unit("Workloads").id, tags: {} },
      ],
      accounts: [
        { id: MGMT, name: "management", email: "aws+management@example.com", status: "ACTIVE", unit: null, parentId: org.rootId, tags: {} },
        { id: CONFIG, name: "config", email: "aws+config@example.com", status: "ACTIVE", unit: "Deployments", parentId: unit("Deployments").id, tags: {} },
        { id: DEV, name: "development", email: "AWS+Development@example.com", status: "ACTIVE", unit: "Workloads/Dev", parentId: unit("Workloads/Dev").id, tags: { env: "dev" } },
        { id: PROD, name: "production", email: "aws+production@example.com", status: "ACTIVE", unit: "Workloads/Prod", parentId: unit("Workloads/Prod").id, tags: { env: "prod" } },
        { id: LOCKED, name: "locked", email: "aws+locked@example.com", status: "ACTIVE", unit: "Sandbox", parentId: unit("Sandbox").id, tags: {} },
      ],
    });

    // The management account has no role or application in the desired state: it is not read.
    expect(Object.keys(live.accounts).sort()).toEqual(["config", "development", "production"]);
    expect(live.errors).toEqual([
      { account: "locked", accountId: LOCKED, message: expect.stringMatching(new RegExp(`^cannot assume arn:aws:iam::${LOCKED}:role/${ACCESS_ROLE}: AccessDenied`)) },
    ]);
    expect(progress.at(-1)).toEqual([4, 4]);

    // Desired roles and managed (tagged) ones; policies decoded from IAM's URL encoding.
    // No application is managed there: the AppConfig family reads nothing and adds no part.
    expect(live.accounts.development).toEqual({
      accountId: DEV,
      roles: {
        administrator: {
          name: "administrator",
          path: "/",
          arn: `arn:aws:iam::${DEV}:role/administrator`,
          description: "Admins from management",
          assumeRolePolicy: adminTrust,
          inlinePolicies: { "read-config": inline },
          managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
          maxSessionDuration: 7200,
          tags: { "orgctl:managed": "true" },
          instanceProfiles: [],
        },
        retired: {
          name: "retired",
          path: "/automation/",
          arn: `arn:aws:iam::${DEV}:role/automation/retired`,
          assumeRolePolicy: adminTrust,
          inlinePolicies: {},
          managedPolicies: [],
          maxSessionDuration: 3600,
          tags: { "orgctl:managed": "true" },
          instanceProfiles: ["retired-hosts"],
          instanceProfilePaths: { "retired-hosts": "/" },
          instanceProfileTags: { "retired-hosts": {} },
        },
      },
    });
    // administrator is desired there but missing; the access role is never reported.
    expect(live.accounts.production!.roles).toEqual({});

    const config = live.accounts.config!;
    expect(Object.keys(config.appconfig!["eu-west-1"]!)).toEqual(["ListServices"]);
    expect(config.strategies!["eu-west-1"]).toMatchObject({ "AppConfig.AllAtOnce": id, "AppConfig.Linear50PercentEvery30Seconds": id });
    const listServices = config.appconfig!["eu-west-1"]!.ListServices!;
    const profileId = listServices.profiles[0]!.id;
    expect(listServices).toEqual({
      id,
      name: "ListServices",
      tags: { "orgctl:managed": "true" },
      environments: [
        { id, name: "development", state: "READY_FOR_DEPLOYMENT", tags: { stage: "dev" }, deployed: { [profileId]: { version: "3" } } },
        { id, name: "production", state: "READY_FOR_DEPLOYMENT", tags: {}, deployed: { [profileId]: { version: "1" } } },
      ],
      profiles: [
        {
          id,
          name: "ListServicesProfile",
          type: "AWS.Freeform",
          validators: [{ type: "JSON_SCHEMA", content: schema }],
          // Version 2 is neither a desired label nor deployed: its content is not fetched.
          versions: [
            { versionNumber: 1, description: "v1", contentType: "application/json", content: v1, contentSha256: await sha256(v1) },
            { versionNumber: 3, description: "v2", contentType: "application/json", content: v2, contentSha256: await sha256(v2) },
          ],
        },
      ],
    });

    // The call budget: one page per listing, tags only for desired units and accounts.
    expect(live.apiCalls).toMatchObject({
      "sts:GetCallerIdentity": 1,
      "sts:AssumeRole": 4,
      "organizations:DescribeOrganization": 1,
      "organizations:ListRoots": 1,
      "organizations:ListOrganizationalUnitsForParent": 6,
      "organizations:ListAccountsForParent": 6,
      "organizations:ListTagsForResource": 4 + 5,
      "organizations:ListCreateAccountStatus": 1,
      // IAM only where a role is targeted and reachable (development, production): not in
      // config (an application only) nor management (nothing managed there).
      "iam:GetAccountAuthorizationDetails": 2,
      "iam:ListRoles": 2,
      "appconfig:GetHostedConfigurationVersion": 2,
    });
    expect(live.apiCalls["organizations:ListAccounts"]).toBeUndefined();
    expect(live.apiCalls["iam:GetRole"]).toBeUndefined();
  });

  it("reads only the selected accounts", async () => {
    const clients = factory();
    const live = await readLiveState(desired, { kinds: KINDS, clients, accounts: ["production"] });
    clients.destroy();
    expect(Object.keys(live.accounts)).toEqual(["production"]);
    expect(live.errors).toEqual([]);
    await expect(readLiveState(desired, { kinds: KINDS, clients: factory(), accounts: ["nope"] })).rejects.toThrow("unknown account key(s): nope");
  });
});
