// The README's minimal permissions, proven: orgctl plans, applies and detects drift as the
// plan role and the apply role of the management account, reaching a member account through
// an access role that has exactly the README's list (test/fixtures/minimal-permissions.ts),
// every listed action is used, and without any one of them a run fails with AWS's
// AccessDenied for it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDesiredState } from "../src/config/index.js";
import type { Snapshot } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { README_LISTS, type PermissionLists } from "./fixtures/minimal-permissions.js";
import { ACCESS_ROLE, deniedFor, MGMT, readmeActions, runStep as runStepAs, type Step } from "./helpers/minimal-permissions.js";

const CONFIG = "222222222222";

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

const dir = mkdtempSync(path.join(tmpdir(), "orgctl-minimal-permissions-"));
const yamlDir = (name: string) => path.join(dir, name);

const STEPS: Step[] = [
  { name: "plan the first state", command: "plan", role: "orgctl-plan", dir: yamlDir("first") },
  { name: "apply the first state", command: "apply", role: "orgctl-apply", dir: yamlDir("first") },
  { name: "drift check after the first apply", command: "plan", role: "orgctl-plan", dir: yamlDir("first") },
  { name: "apply the second state", command: "apply", role: "orgctl-apply", dir: yamlDir("second") },
  { name: "drift check after the second apply", command: "plan", role: "orgctl-plan", dir: yamlDir("second") },
];

const runStep = (from: Snapshot, step: Step, lists: PermissionLists) => runStepAs(from, step, lists, [CONFIG]);

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
    const short = (actions: string[]) => actions.map((a) => a.slice(a.indexOf(":") + 1));
    const plan = readmeActions(readme, "**Management account, plan/drift role:**");
    const apply = readmeActions(readme, "**Management account, apply role:**");
    const access = readmeActions(readme, "**Member accounts, the access role:**");
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
      const named = deniedFor(outcome, action);
      if (outcome.code === EXPECTED_CODE[STEPS[first]!.name] || !named) unproven.push(`${action}: ${STEPS[first]!.name} exited ${outcome.code}`);
    }
    expect(unproven).toEqual([]);
  }, 600_000);
});
