// The README's minimal permissions, proven: orgctl plans, applies and detects drift as the
// plan role and the apply role of the management account, reaching a member account through
// an access role that has exactly the README's list (test/fixtures/minimal-permissions.ts),
// every listed action is used, and without any one of them a run fails with AWS's
// AccessDenied for it.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle, type Snapshot } from "../src/emulator/index.js";
import { findRole, putRole } from "../src/emulator/iam/state.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { clientFor, envFor, type Keys } from "./helpers/emulator.js";
import { accessRolePolicy, applyRolePolicy, planRolePolicy, README_LISTS, type PermissionLists } from "./fixtures/minimal-permissions.js";

const run = promisify(execFile);
const MGMT = "111111111111";
const CONFIG = "222222222222";
const ACCESS_ROLE = "OrganizationAccountAccessRole";

const HEAD = `settings: { prune: true, region: eu-west-1, owner: minimal-permissions }
organization:
  managementAccount: "${MGMT}"
  accessRole: ${ACCESS_ROLE}
  units: { Deployments: {}, Workloads: {} }
`;
const EXTRA = `{ extra: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "s3:ListAllMyBuckets", Resource: "*" }] } }`;

/** First state: a new unit, a new account, tags, two roles and two AppConfig applications. */
const FIRST =
  HEAD +
  `accounts:
  management: { id: "${MGMT}", email: aws+mgmt@example.com }
  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments, tags: { team: platform, stage: one } }
  development: { email: aws+dev@example.com, unit: Workloads, tags: { env: dev } }
roles:
  - { name: reader, in: { accounts: [config] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess], inlinePolicies: ${EXTRA}, tags: { team: platform, stage: one } }
  - { name: doomed, in: { accounts: [config] }, trust: { accounts: [management] }, managedPolicies: [ReadOnlyAccess], inlinePolicies: ${EXTRA} }
appconfig:
  ListServices:
    account: config
    description: first
    tags: { team: platform, stage: one }
    environments: { development: { description: first }, testing: {} }
    profiles:
      Main:
        description: first
        versions: { v1: { content: { a: 1 } } }
        deploy: { development: { version: v1, strategy: AppConfig.AllAtOnce } }
      Spare:
        versions: { v1: { content: { b: 1 } } }
  Doomed:
    account: config
    environments: [only]
`;

/** Second state: every kind of update and deletion of what the first created. */
const SECOND =
  HEAD +
  `accounts:
  management: { id: "${MGMT}", email: aws+mgmt@example.com }
  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments, tags: { team: platform } }
  development: { email: aws+dev@example.com, unit: Workloads, tags: { env: dev } }
roles:
  - { name: reader, in: { accounts: [config] }, description: second, maxSessionDuration: 7200, trust: { accounts: [management, config] }, managedPolicies: [IAMReadOnlyAccess], tags: { team: platform, owner: ops } }
appconfig:
  ListServices:
    account: config
    description: second
    tags: { team: platform, owner: ops }
    environments: { development: { description: second } }
    profiles:
      Main:
        description: second
        versions: { v2: { content: { a: 2 } } }
        deploy: { development: { version: v2, strategy: AppConfig.AllAtOnce } }
`;

type Step = { name: string; command: "plan" | "apply"; role: "orgctl-plan" | "orgctl-apply"; yaml: string };

const STEPS: Step[] = [
  { name: "plan the first state", command: "plan", role: "orgctl-plan", yaml: "first" },
  { name: "apply the first state", command: "apply", role: "orgctl-apply", yaml: "first" },
  { name: "drift check after the first apply", command: "plan", role: "orgctl-plan", yaml: "first" },
  { name: "apply the second state", command: "apply", role: "orgctl-apply", yaml: "second" },
  { name: "drift check after the second apply", command: "plan", role: "orgctl-plan", yaml: "second" },
];

const dir = mkdtempSync(path.join(tmpdir(), "orgctl-minimal-permissions-"));
const yamlDir = (name: string) => path.join(dir, name);

interface Outcome {
  code: number;
  output: string;
  /** "service:Operation" of every call that succeeded, and of those denied with 403. */
  allowed: Set<string>;
  denied: Set<string>;
}

/** Grants the three roles the given lists (replacing whatever they had). */
function grant(handle: EmulatorHandle, lists: PermissionLists): void {
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: MGMT }, Action: "sts:AssumeRole" }] });
  const set = (account: string, name: string, policy: string) => {
    const role = findRole(handle.world, account, name) ?? putRole(handle.world, account, { roleName: name, assumeRolePolicyDocument: trust });
    role.attachedPolicies = [];
    role.inlinePolicies = new Map([["orgctl", policy]]);
  };
  set(MGMT, "orgctl-plan", planRolePolicy(lists, ACCESS_ROLE));
  set(MGMT, "orgctl-apply", applyRolePolicy(lists, ACCESS_ROLE));
  set(CONFIG, ACCESS_ROLE, accessRolePolicy(lists, ACCESS_ROLE));
}

async function sessionOf(handle: EmulatorHandle, role: string): Promise<Keys> {
  const sts = clientFor(handle, "sts");
  const out = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MGMT}:role/${role}`, RoleSessionName: "ci" }));
  sts.destroy();
  const c = out.Credentials!;
  return { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
}

/** Runs one step as its role against a fresh emulator started from `from`. */
async function runStep(from: Snapshot, step: Step, lists: PermissionLists): Promise<Outcome & { after: Snapshot }> {
  const handle = await startEmulator({ snapshot: from, timeScale: 600 });
  try {
    grant(handle, lists);
    const keys = await sessionOf(handle, step.role);
    const start = handle.world.calls.length;
    const args = step.command === "apply" ? ["apply", yamlDir(step.yaml), "--auto-approve"] : ["plan", yamlDir(step.yaml)];
    const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(handle, keys), NO_COLOR: "1" };
    delete env.AWS_PROFILE;
    delete env.GITHUB_SHA;
    let code = 0;
    let output = "";
    try {
      const out = await run(process.execPath, ["dist/orgctl.mjs", ...args], { env, maxBuffer: 16 * 1024 * 1024 });
      output = out.stdout + out.stderr;
    } catch (err) {
      const e = err as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof e.code !== "number") throw err;
      code = e.code;
      output = (e.stdout ?? "") + (e.stderr ?? "");
    }
    const calls = handle.world.calls.slice(start);
    const key = (c: (typeof calls)[number]) => `${c.service}:${c.operation}`;
    return {
      code,
      output,
      allowed: new Set(calls.filter((c) => c.status < 400).map(key)),
      denied: new Set(calls.filter((c) => c.status === 403).map(key)),
      after: handle.snapshot(),
    };
  } finally {
    await handle.stop();
  }
}

const without = (lists: PermissionLists, action: string): PermissionLists => ({
  policyCheck: lists.policyCheck.filter((a) => a !== action),
  orgRead: lists.orgRead.filter((a) => a !== action),
  orgApply: lists.orgApply.filter((a) => a !== action),
  accessRead: lists.accessRead.filter((a) => a !== action),
  accessApply: lists.accessApply.filter((a) => a !== action),
});

const EXPECTED_CODE: Record<string, number> = { "plan the first state": 2, "apply the first state": 0, "drift check after the first apply": 0, "apply the second state": 0, "drift check after the second apply": 0 };

describe("the README's minimal permissions", () => {
  /** The snapshot each step starts from, and what it called, with the full lists. */
  const before: Snapshot[] = [];
  const used: Set<string>[] = [];

  beforeAll(async () => {
    writeFileSync(path.join(dir, "first.yaml"), FIRST);
    writeFileSync(path.join(dir, "second.yaml"), SECOND);
    for (const name of ["first", "second"]) {
      const sub = yamlDir(name);
      await import("node:fs").then((fs) => fs.mkdirSync(sub, { recursive: true }));
      writeFileSync(path.join(sub, "orgctl.yaml"), readFileSync(path.join(dir, `${name}.yaml`), "utf8"));
    }
    const loaded = await loadDesiredState(yamlDir("first"));
    if (!loaded.state) throw new Error(JSON.stringify(loaded.errors));
    let snapshot = snapshotFromDesired(loaded.state);
    for (const step of STEPS) {
      before.push(snapshot);
      const outcome = await runStep(snapshot, step, README_LISTS);
      if (outcome.code !== EXPECTED_CODE[step.name]) throw new Error(`${step.name} exited ${outcome.code}:\n${outcome.output}`);
      used.push(outcome.allowed);
      snapshot = outcome.after;
    }
  }, 300_000);

  it("plan, apply and drift pass with exactly the listed actions, and every listed action is used", () => {
    const planned = new Set([...used[0]!, ...used[2]!, ...used[4]!]);
    const applied = new Set([...used[1]!, ...used[3]!]);
    const listed = [...README_LISTS.policyCheck, ...README_LISTS.orgRead, ...README_LISTS.orgApply, ...README_LISTS.accessRead, ...README_LISTS.accessApply, "sts:AssumeRole"];
    const everything = new Set([...planned, ...applied]);
    everything.delete("sts:GetCallerIdentity"); // needs no permission
    expect([...everything].filter((a) => !listed.includes(a)).sort()).toEqual([]);
    expect(listed.filter((a) => !everything.has(a)).sort()).toEqual([]);
    // The plan role uses every action it is given and nothing apply-only; apply uses all of its own.
    expect([...README_LISTS.orgApply, ...README_LISTS.accessApply].filter((a) => planned.has(a))).toEqual([]);
    const planRole = [...README_LISTS.policyCheck, ...README_LISTS.orgRead, ...README_LISTS.accessRead, "sts:AssumeRole"];
    expect(planRole.filter((a) => !planned.has(a))).toEqual([]);
    expect([...README_LISTS.orgApply, ...README_LISTS.accessApply].filter((a) => !applied.has(a))).toEqual([]);
  });

  it("the README lists every one of these actions, for the role that needs it", () => {
    const readme = readFileSync("README.md", "utf8");
    const section = readme.slice(readme.indexOf("Minimal permissions"), readme.indexOf("## The local AWS emulator"));
    const part = (title: string) => {
      const start = section.indexOf(title);
      const end = section.indexOf("\n- **", start);
      return section.slice(start, end < 0 ? undefined : end);
    };
    const names = (text: string) => new Set([...text.matchAll(/`(?:[a-z]+:)?([A-Z]\w+)`/g)].map((m) => m[1]!));
    const short = (actions: string[]) => actions.map((a) => a.slice(a.indexOf(":") + 1));
    const plan = names(part("**Management account, plan/drift role:**"));
    const apply = names(part("**Management account, apply role:**"));
    const access = names(part("**Member accounts, the access role:**"));
    expect(short([...README_LISTS.orgRead, ...README_LISTS.policyCheck, "sts:AssumeRole"]).filter((a) => !plan.has(a))).toEqual([]);
    expect(short(README_LISTS.orgApply).filter((a) => !apply.has(a))).toEqual([]);
    expect(short([...README_LISTS.accessRead, ...README_LISTS.accessApply]).filter((a) => !access.has(a))).toEqual([]);
  });

  it("without any one listed action, the first step that needs it fails with AWS's AccessDenied for it", async () => {
    const listed = [...README_LISTS.policyCheck, ...README_LISTS.orgRead, ...README_LISTS.orgApply, ...README_LISTS.accessRead, ...README_LISTS.accessApply];
    const unproven: string[] = [];
    for (const action of listed) {
      const first = used.findIndex((set) => set.has(action));
      if (first < 0) {
        unproven.push(`${action}: never called`);
        continue;
      }
      const outcome = await runStep(before[first]!, STEPS[first]!, without(README_LISTS, action));
      const named = action.startsWith("organizations:")
        ? // Organizations' AccessDeniedException does not name the action: the denied call does.
          outcome.output.includes("AccessDeniedException") && outcome.denied.has(action)
        : outcome.output.includes(`is not authorized to perform: ${action} on resource:`);
      if (outcome.code === EXPECTED_CODE[STEPS[first]!.name] || !named) unproven.push(`${action}: ${STEPS[first]!.name} exited ${outcome.code}`);
    }
    expect(unproven).toEqual([]);
  }, 600_000);
});
