// The README's minimal permissions for IAM beyond roles (customer managed policies,
// boundaries, instance profiles, groups, OIDC providers) and for organization policies,
// proven as test/minimal-permissions.test.ts proves the core ones: plan, apply and drift of
// states that create, change and delete each of them pass as the plan role, the apply role
// and an access role holding exactly the README's lists plus these, every added action is
// used, and without any one of them the step that needs it fails with AWS's AccessDenied.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { IamSnapshot } from "../src/emulator/iam/snapshot.js";
import type { Snapshot } from "../src/emulator/index.js";
import { loadDesiredState } from "../src/config/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { IAM_KINDS_LISTS, mergeLists, ORG_POLICY_LISTS, README_LISTS, type PermissionLists } from "./fixtures/minimal-permissions.js";
import { deniedFor, MGMT, readmeActions, runStep as runStepAs, type Step } from "./helpers/minimal-permissions.js";

const CONFIG = "222222222222";
const HEAD = `settings: { prune: true, region: eu-west-1, owner: minimal-permissions }
`;
const doc = (action: string) => `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: "${action}", Resource: "*" }] }`;
const scp = (action: string) => `{ Version: "2012-10-17", Statement: [{ Effect: Deny, Action: "${action}", Resource: "*" }] }`;
const ACCOUNTS = `accounts:
  management: { id: "${MGMT}", email: aws+mgmt@example.com }
  config: { id: "${CONFIG}", email: aws+config@example.com, unit: Deployments }
`;

/** First state: one of each, created. */
const FIRST =
  HEAD +
  `organization:
  managementAccount: "${MGMT}"
  accessRole: OrganizationAccountAccessRole
  units: { Deployments: {} }
  policies:
    deny-leaving: { type: SERVICE_CONTROL_POLICY, content: ${scp("organizations:LeaveOrganization")}, targets: { units: [Deployments] }, tags: { team: security } }
    doomed-scp: { type: SERVICE_CONTROL_POLICY, content: ${scp("account:CloseAccount")}, targets: { accounts: [config] } }
    cost-center: { type: TAG_POLICY, content: { tags: { costcenter: { tag_key: { "@@assign": CostCenter } } } }, targets: { root: true } }
  trustedServices: [guardduty.amazonaws.com]
  delegatedAdministrators: [{ account: config, service: guardduty.amazonaws.com }]
${ACCOUNTS}policies:
  - { name: app-read, in: { accounts: [config] }, document: ${doc("appconfig:GetLatestConfiguration")}, tags: { team: platform } }
  - { name: doomed-policy, in: { accounts: [config] }, document: ${doc("s3:ListAllMyBuckets")} }
roles:
  - { name: reader, in: { accounts: [config] }, trust: { accounts: [management] }, managedPolicies: [app-read], permissionsBoundary: app-read, instanceProfile: true }
  - { name: doomed, in: { accounts: [config] }, trust: { services: [ec2.amazonaws.com] }, managedPolicies: [doomed-policy], instanceProfile: true }
groups:
  - name: readers
    in: { accounts: [config] }
    members: [alice, bob]
    managedPolicies: [app-read, ReadOnlyAccess]
    inlinePolicies: { notes: ${doc("s3:ListBucket")}, more: ${doc("s3:GetObject")} }
oidcProviders:
  - { url: "https://token.actions.githubusercontent.com", in: { accounts: [config] }, audiences: [sts.amazonaws.com], tags: { team: ci } }
  - { url: "https://oidc.example.com", in: { accounts: [config] }, audiences: [api, sts.amazonaws.com], thumbprints: [6938fd4d98bab03faadb97b34396831e3780aea1] }
`;

/** Second state: every kind of update. */
const SECOND =
  HEAD +
  `organization:
  managementAccount: "${MGMT}"
  accessRole: OrganizationAccountAccessRole
  units: { Deployments: {} }
  policies:
    deny-leaving: { type: SERVICE_CONTROL_POLICY, content: ${scp("organizations:Leave*")}, targets: { accounts: [config] }, tags: { owner: security } }
    doomed-scp: { type: SERVICE_CONTROL_POLICY, content: ${scp("account:CloseAccount")}, targets: { accounts: [config] } }
    cost-center: { type: TAG_POLICY, content: { tags: { costcenter: { tag_key: { "@@assign": CostCenter } } } }, targets: { root: true } }
  trustedServices: [guardduty.amazonaws.com]
  delegatedAdministrators: [{ account: config, service: guardduty.amazonaws.com }]
${ACCOUNTS}policies:
  - { name: app-read, in: { accounts: [config] }, document: ${doc("appconfig:*")}, tags: { owner: ops } }
  - { name: doomed-policy, in: { accounts: [config] }, document: ${doc("s3:List*")} }
roles:
  - { name: reader, in: { accounts: [config] }, trust: { accounts: [management] }, managedPolicies: [app-read], instanceProfile: { name: reader-v2 } }
  - { name: doomed, in: { accounts: [config] }, trust: { services: [ec2.amazonaws.com] }, managedPolicies: [doomed-policy], permissionsBoundary: "arn:aws:iam::aws:policy/PowerUserAccess", instanceProfile: true }
groups:
  - name: readers
    path: /people/
    in: { accounts: [config] }
    members: [alice]
    managedPolicies: [app-read]
    inlinePolicies: { notes: ${doc("s3:List*")} }
oidcProviders:
  - { url: "https://token.actions.githubusercontent.com", in: { accounts: [config] }, audiences: [sts.amazonaws.com, api], tags: { owner: ci } }
  - { url: "https://oidc.example.com", in: { accounts: [config] }, audiences: [api], thumbprints: [9e99a48a9960b14926bb7f3b02e22da2b0ab7280] }
`;

/** Third state: what can be deleted is, and a document goes back to a version IAM still has. */
const THIRD =
  HEAD +
  `organization:
  managementAccount: "${MGMT}"
  accessRole: OrganizationAccountAccessRole
  units: { Deployments: {} }
  policies:
    deny-leaving: { type: SERVICE_CONTROL_POLICY, content: ${scp("organizations:Leave*")}, targets: { accounts: [config] }, tags: { owner: security } }
  policyTypes: { disable: [TAG_POLICY] }
  trustedServices: [guardduty.amazonaws.com]
  delegatedAdministrators: [{ account: config, service: guardduty.amazonaws.com }]
${ACCOUNTS}policies:
  - { name: app-read, in: { accounts: [config] }, document: ${doc("appconfig:GetLatestConfiguration")}, tags: { owner: ops } }
roles:
  - { name: reader, in: { accounts: [config] }, trust: { accounts: [management] }, managedPolicies: [app-read], instanceProfile: { name: reader-v2 } }
groups:
  - name: readers
    path: /people/
    in: { accounts: [config] }
    members: [alice]
    managedPolicies: [app-read]
    inlinePolicies: { notes: ${doc("s3:List*")} }
oidcProviders:
  - { url: "https://token.actions.githubusercontent.com", in: { accounts: [config] }, audiences: [sts.amazonaws.com, api], tags: { owner: ci } }
`;

const dir = mkdtempSync(path.join(tmpdir(), "orgctl-minimal-permissions-iam-"));
const STATES = { first: FIRST, second: SECOND, third: THIRD };
const stateDir = (name: keyof typeof STATES) => path.join(dir, name);
const STEPS: Step[] = [
  { name: "plan the first state", command: "plan", role: "orgctl-plan", dir: stateDir("first") },
  { name: "apply the first state", command: "apply", role: "orgctl-apply", dir: stateDir("first") },
  { name: "drift check after the first apply", command: "plan", role: "orgctl-plan", dir: stateDir("first") },
  { name: "apply the second state", command: "apply", role: "orgctl-apply", dir: stateDir("second") },
  { name: "drift check after the second apply", command: "plan", role: "orgctl-plan", dir: stateDir("second") },
  { name: "apply the third state", command: "apply", role: "orgctl-apply", dir: stateDir("third") },
  { name: "drift check after the third apply", command: "plan", role: "orgctl-plan", dir: stateDir("third") },
];
const EXPECTED_CODE = [2, 0, 0, 0, 0, 0, 0];

/** What this test adds to the README's core lists. */
const EXTRA = mergeLists(IAM_KINDS_LISTS, ORG_POLICY_LISTS);
const LISTS = mergeLists(README_LISTS, EXTRA);
const extraActions = (l: PermissionLists) => [...l.policyCheck, ...l.orgRead, ...l.orgApply, ...l.accessRead, ...l.accessApply];

/** The lists without `action` among this test's additions (the core lists stay whole). */
function withoutExtra(action: string): PermissionLists {
  const drop = (xs: string[]) => xs.filter((a) => a !== action);
  return mergeLists(README_LISTS, {
    policyCheck: drop(EXTRA.policyCheck),
    orgRead: drop(EXTRA.orgRead),
    orgApply: drop(EXTRA.orgApply),
    accessRead: drop(EXTRA.accessRead),
    accessApply: drop(EXTRA.accessApply),
  });
}

const runStep = (from: Snapshot, step: Step, lists: PermissionLists) => runStepAs(from, step, lists, [CONFIG]);

describe("the README's minimal permissions for IAM beyond roles and organization policies", () => {
  const before: Snapshot[] = [];
  const used: Set<string>[] = [];

  beforeAll(async () => {
    for (const [name, text] of Object.entries(STATES)) {
      mkdirSync(stateDir(name as keyof typeof STATES), { recursive: true });
      writeFileSync(path.join(stateDir(name as keyof typeof STATES), "orgctl.yaml"), text);
    }
    const loaded = await loadDesiredState(stateDir("first"));
    if (!loaded.state) throw new Error(JSON.stringify(loaded.errors));
    let snapshot = snapshotFromDesired(loaded.state);
    const iam = snapshot.iam as IamSnapshot;
    (iam.accounts[CONFIG] ??= {}).users = [{ UserName: "alice" }, { UserName: "bob" }];
    for (const [i, step] of STEPS.entries()) {
      before.push(snapshot);
      const outcome = await runStep(snapshot, step, LISTS);
      if (outcome.code !== EXPECTED_CODE[i]) throw new Error(`${step.name} exited ${outcome.code}:\n${outcome.output}`);
      used.push(outcome.allowed);
      snapshot = outcome.after;
    }
  }, 300_000);

  it("plan, apply and drift pass with exactly the listed actions, and every added action is used by the role it is listed for", () => {
    const planned = new Set([0, 2, 4, 6].flatMap((i) => [...used[i]!]));
    const applied = new Set([1, 3, 5].flatMap((i) => [...used[i]!]));
    const everything = new Set([...planned, ...applied]);
    everything.delete("sts:GetCallerIdentity");
    expect([...everything].filter((a) => !extraActions(LISTS).includes(a) && a !== "sts:AssumeRole").sort()).toEqual([]);
    expect(extraActions(EXTRA).filter((a) => !everything.has(a)).sort()).toEqual([]);
    // Apply-only (an action the core lists give the plan role for something else, iam:GetPolicy, aside).
    const core = extraActions(README_LISTS);
    expect([...EXTRA.orgApply, ...EXTRA.accessApply].filter((a) => planned.has(a) && !core.includes(a)).sort()).toEqual([]);
    expect([...EXTRA.orgRead, ...EXTRA.accessRead].filter((a) => !planned.has(a)).sort()).toEqual([]);
  });

  it("the README lists every one of these actions, for the role that needs it", () => {
    const readme = readFileSync("README.md", "utf8");
    const short = (actions: string[]) => actions.map((a) => a.slice(a.indexOf(":") + 1));
    const orgPolicies = readmeActions(readme, "**With organization policies:**");
    const iamKinds = readmeActions(readme, "**Member accounts, the access role, per IAM kind:**");
    expect(short([...ORG_POLICY_LISTS.orgRead, ...ORG_POLICY_LISTS.orgApply]).filter((a) => !orgPolicies.has(a))).toEqual([]);
    expect(short([...IAM_KINDS_LISTS.accessRead, ...IAM_KINDS_LISTS.accessApply]).filter((a) => !iamKinds.has(a))).toEqual([]);
  });

  it("without any one added action, a step that needs it fails with AWS's AccessDenied for it", async () => {
    const unproven: string[] = [];
    for (const action of extraActions(EXTRA)) {
      // The steps that call it, in order: a name the core lists give another role (iam:GetPolicy
      // for the plan role's AWS managed policy check, iam:DeletePolicy for the apply lock) is
      // needed by this list only where the access role calls it.
      const steps = used.flatMap((set, i) => (set.has(action) ? [i] : []));
      if (steps.length === 0) {
        unproven.push(`${action}: never called`);
        continue;
      }
      let proven = false;
      for (const i of steps) {
        const outcome = await runStep(before[i]!, STEPS[i]!, withoutExtra(action));
        proven = outcome.code !== EXPECTED_CODE[i] && deniedFor(outcome, action);
        if (proven) break;
      }
      if (!proven) unproven.push(`${action}: no step fails without it`);
    }
    expect(unproven).toEqual([]);
  }, 900_000);
});
