import { describe, expect, it } from "vitest";
import { StartDeploymentCommand } from "@aws-sdk/client-appconfig";
import { clientFactoryFor, clientFor, withEmulator } from "./helpers/emulator.js";
import { account, app, desiredState, role } from "./helpers/readers-desired.js";
import { AdaptivePool } from "../src/aws/concurrency.js";
import { readLiveState } from "../src/engine/read-live.js";
import type { Snapshot } from "../src/emulator/index.js";
import { KINDS } from "../src/kinds/registry.js";

const MGMT = "111111111111";
const BULK = "222222222222";
const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: "sts:AssumeRole" }] };
const roleNames = Array.from({ length: 250 }, (_, i) => `role-${String(i).padStart(3, "0")}`);
const members = Array.from({ length: 4 }, (_, i) => `3000000000${String(i).padStart(2, "0")}`);

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    accounts: [{ id: BULK, name: "bulk", email: "bulk@example.com" }, ...members.map((id) => ({ id, name: id, email: `${id}@example.com` }))],
  },
  iam: {
    accounts: {
      [BULK]: {
        roles: roleNames.map((RoleName, i) => ({
          RoleName,
          AssumeRolePolicyDocument: trust,
          InlinePolicies: { p: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::bucket-${i}/*` }] } },
          ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
          ...(i % 2 === 0 ? { Tags: [{ Key: "orgctl:managed", Value: "true" }] } : {}),
        })),
      },
    },
  },
  appconfig: {
    accounts: {
      [BULK]: {
        "eu-west-1": {
          applications: [
            {
              Name: "Svc",
              environments: ["prod"],
              profiles: [{ Name: "cfg", versions: [{ content: "{\"a\":1}", contentType: "application/json", description: "v1" }, { content: "{\"a\":2}", contentType: "application/json", description: "v2" }] }],
              deployments: [{ environment: "prod", profile: "cfg", version: 1, strategy: "AppConfig.AllAtOnce", state: "COMPLETE" }],
            },
          ],
        },
      },
    },
  },
};

const emulator = withEmulator({ snapshot });

const factory = (maxAttempts?: number) => clientFactoryFor(emulator(), { maxAttempts });

describe("readers at scale", () => {
  it("reads 250 roles with one GetAccountAuthorizationDetails page and one ListRoles page, no per-role calls", async () => {
    const desired = desiredState({
      managementAccount: MGMT,
      accounts: [account("bulk", { id: BULK, email: "bulk@example.com" })],
      roles: [role("role-001", ["bulk"])],
    });
    const clients = factory();
    const live = await readLiveState(desired, { kinds: KINDS, clients });
    clients.destroy();

    const roles = live.accounts.bulk!.roles!;
    // 125 tagged (even) roles plus the desired odd one.
    expect(Object.keys(roles)).toHaveLength(126);
    expect(roles["role-001"]!.tags).toEqual({});
    expect(roles["role-248"]!.inlinePolicies.p).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket-248/*" }] });
    expect(roles["role-248"]!.managedPolicies).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
    const iamCalls = Object.entries(live.apiCalls).filter(([k]) => k.startsWith("iam:"));
    expect(Object.fromEntries(iamCalls)).toEqual({ "iam:GetAccountAuthorizationDetails": 1, "iam:ListRoles": 1 });
  });

  it("reports a running deployment with its strategy, and the last complete version", async () => {
    const appconfig = clientFor(emulator(), "appconfig", {
      region: "eu-west-1",
      credentials: await assumedKeys(),
    });
    const desired = desiredState({
      managementAccount: MGMT,
      accounts: [account("bulk", { id: BULK, email: "bulk@example.com" })],
      appconfig: [app("Svc", "bulk", "eu-west-1")],
    });
    const clients = factory();
    const before = await readLiveState(desired, { kinds: KINDS, clients });
    const svc = before.accounts.bulk!.appconfig!["eu-west-1"]!.Svc!;
    const [env, profile] = [svc.environments[0]!, svc.profiles[0]!];
    const strategyId = before.accounts.bulk!.strategies!["eu-west-1"]!["AppConfig.Linear50PercentEvery30Seconds"]!;
    await appconfig.send(
      new StartDeploymentCommand({ ApplicationId: svc.id, EnvironmentId: env.id, ConfigurationProfileId: profile.id, ConfigurationVersion: "2", DeploymentStrategyId: strategyId }),
    );
    const after = await readLiveState(desired, { kinds: KINDS, clients });
    clients.destroy();
    appconfig.destroy();
    const deployed = after.accounts.bulk!.appconfig!["eu-west-1"]!.Svc!.environments[0]!.deployed[profile.id];
    expect(deployed).toEqual({
      version: "1",
      running: { deploymentNumber: 2, environmentId: env.id, configurationProfileId: profile.id, configurationVersion: "2", deploymentStrategyId: strategyId, state: "DEPLOYING" },
    });
    // Both the deployed and the deploying version's content are read.
    expect(after.accounts.bulk!.appconfig!["eu-west-1"]!.Svc!.profiles[0]!.versions.map((v) => v.versionNumber)).toEqual([1, 2]);
  });

  it("keeps reading through throttling: the SDK retries and every attempt is counted", async () => {
    const desired = desiredState({
      managementAccount: MGMT,
      accounts: members.map((id) => account(`m${id}`, { id, email: `${id}@example.com` })),
      // With prune on, IAM is read in every account (managed roles there could be deleted).
      settings: { prune: true, region: "us-east-1", owner: "test" },
    });
    emulator().setFaults({ seed: 7, rules: [{ service: "iam", operation: "ListRoles", rate: 0.25, kind: "throttle" }] });
    const clients = factory(8);
    try {
      const live = await readLiveState(desired, { kinds: KINDS, clients, concurrency: 8 });
      expect(live.errors).toEqual([]);
      expect(Object.keys(live.accounts)).toHaveLength(members.length);
      // Every attempt is counted, retries included.
      const calls = emulator().callCounts();
      expect(live.apiCalls["iam:ListRoles"]).toBeGreaterThan(members.length);
      expect(calls["iam:ListRoles"]).toBeGreaterThanOrEqual(live.apiCalls["iam:ListRoles"]!);
    } finally {
      emulator().setFaults({});
      clients.destroy();
    }
  });
});

describe("AdaptivePool", () => {
  it("halves its limit on throttling and grows back one slot per limit successes", async () => {
    let now = 0;
    const pool = new AdaptivePool(8, () => now);
    pool.throttled();
    pool.throttled(); // same burst: ignored
    expect(pool.limit).toBe(4);
    now += 2000;
    pool.throttled();
    expect(pool.limit).toBe(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
    };
    await Promise.all(Array.from({ length: 2 }, () => pool.run(task)));
    expect(peak).toBe(2);
    expect(pool.limit).toBe(3);
  });
});

async function assumedKeys() {
  const broker = factory().broker;
  const session = await broker.sessionFor(BULK);
  const creds = await session.credentials();
  broker.destroy();
  return { accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken! };
}
