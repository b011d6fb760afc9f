// Both sides of a grant from one declaration, end to end against the emulator: a role whose
// trust names the central pipeline with `grant: true` gives the pipeline sts:AssumeRole on
// exactly its deployed copies (an account created by the same apply included), as the
// pipeline's reserved inline policy orgctl-grants; the plan shows both sides, drift in the
// grant shows, and taking the declaration away takes both sides away.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GetRoleCommand, GetRolePolicyCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { ListAccountsCommand } from "@aws-sdk/client-organizations";
import { loadDesiredState } from "../src/config/index.js";
import { auditFile } from "./helpers/apply.js";
import { clientFor } from "./helpers/emulator.js";
import { actions, changeAt, clientIn, orgctl, planJson, withExample } from "./helpers/example-sandbox.js";
import { words } from "./fixtures/reasons.js";
import { CICD, DEV, PROD, grantsYaml } from "./helpers/grants-org.js";

const dir = mkdtempSync(path.join(tmpdir(), "orgctl-grants-"));
const write = (deployer: { in: string; trust: string }) =>
  writeFileSync(
    path.join(dir, "orgctl.yaml"),
    grantsYaml(
      `roles:
  - name: pipeline
    in: { accounts: [cicd] }
    trust: { services: [codebuild.amazonaws.com] }
  - name: deployer
    in: { accounts: [${deployer.in}] }
    trust: ${deployer.trust}
`,
      ["cicd", "dev", "prod", "fresh"],
    ),
  );
write({ in: "dev, prod, fresh", trust: "{ roles: [cicd/pipeline], grant: true }" });

const PLAN = `Account management (111111111111)
  + management/organizations/account/fresh (create)
      + key   = "fresh"
      + name  = "fresh"
      + email = "aws+fresh@example.com"

Account cicd (${CICD})
  + cicd/iam/role/pipeline (create)
      grant: may assume deployer in 3 accounts (trust with grant: true)
      after management/organizations/account/fresh
      + name                         = "pipeline"
      + path                         = "/"
      + assumeRolePolicy             = {
      +   "Version": "2012-10-17",
      +   "Statement": [
      +     {
      +       "Effect": "Allow",
      +       "Principal": {"Service": "codebuild.amazonaws.com"},
      +       "Action": "sts:AssumeRole"
      +     }
      +   ]
      + }
      + inlinePolicies.orgctl-grants = {
      +   "Version": "2012-10-17",
      +   "Statement": [
      +     {
      +       "Effect": "Allow",
      +       "Action": "sts:AssumeRole",
      +       "Resource": [
      +         "arn:aws:iam::\${account:fresh}:role/deployer",
      +         "arn:aws:iam::${DEV}:role/deployer",
      +         "arn:aws:iam::${PROD}:role/deployer"
      +       ]
      +     }
      +   ]
      + }
      + maxSessionDuration           = 3600
      + tags                         = {"orgctl:managed": "acme/infra"}

Same change in several accounts:
  + role deployer (create) in 3 accounts: dev, fresh, prod
      + name               = "deployer"
      + path               = "/"
      + assumeRolePolicy   = {
      +   "Version": "2012-10-17",
      +   "Statement": [
      +     {
      +       "Effect": "Allow",
      +       "Principal": {"AWS": "arn:aws:iam::${CICD}:role/pipeline"},
      +       "Action": "sts:AssumeRole"
      +     }
      +   ]
      + }
      + maxSessionDuration = 3600
      + tags               = {"orgctl:managed": "acme/infra"}
      accounts: dev (${DEV}), fresh, prod (${PROD})

Plan: 5 to create.
  management: 1 to create
  cicd: 1 to create
  dev: 1 to create
  fresh: 1 to create
  prod: 1 to create
`;

describe("grant: both sides from one trust", () => {
  const sandbox = withExample(dir);
  let FRESH = "";
  const granted = async () => {
    const iam = await clientIn(sandbox.emulator(), "iam", CICD);
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: "pipeline" }))).PolicyNames;
    if (!names?.includes("orgctl-grants")) return { names, resources: undefined };
    const doc = (await iam.send(new GetRolePolicyCommand({ RoleName: "pipeline", PolicyName: "orgctl-grants" }))).PolicyDocument!;
    return { names, resources: JSON.parse(decodeURIComponent(doc)).Statement.map((s: { Action: unknown; Resource: unknown }) => [s.Action, s.Resource]) };
  };
  const trustOf = async (account: string) => {
    const iam = await clientIn(sandbox.emulator(), "iam", account);
    return JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: "deployer" }))).Role!.AssumeRolePolicyDocument!)).Statement[0].Principal;
  };

  it("plans both sides (the grant to a role in an account this apply creates known after apply), applies them, re-plans to zero", async () => {
    const handle = sandbox.emulator();
    const text = await orgctl(handle, "plan", dir);
    expect(text.stdout).toBe(PLAN);
    expect(text.code).toBe(2);

    const applied = await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    const org = clientFor(handle, "organizations");
    FRESH = (await org.send(new ListAccountsCommand({}))).Accounts!.find((a) => a.Email === "aws+fresh@example.com")!.Id!;
    expect(FRESH).toMatch(/^\d{12}$/);
    expect(await granted()).toEqual({
      names: ["orgctl-grants"],
      resources: [[["sts:AssumeRole"], [`arn:aws:iam::${FRESH}:role/deployer`, `arn:aws:iam::${DEV}:role/deployer`, `arn:aws:iam::${PROD}:role/deployer`].sort()]],
    });
    for (const account of [DEV, PROD, FRESH]) expect(await trustOf(account)).toEqual({ AWS: [`arn:aws:iam::${CICD}:role/pipeline`] });
    const again = await planJson(handle, dir);
    expect(actions(again.plan)).toEqual([]);
    expect(again.code).toBe(0);
  });

  it("import writes the grant back as grant: true, never the reserved policy, and plans only adopts", async () => {
    const handle = sandbox.emulator();
    const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-grants-import-")), "imported");
    const imported = await orgctl(handle, "import", "--out", out);
    expect(imported.code).toBe(0);
    const { state, errors } = await loadDesiredState(out);
    expect(errors).toEqual([]);
    const byName = (name: string) => state!.roles.filter((r) => r.name === name);
    expect(byName("pipeline").map((r) => r.inlinePolicies)).toEqual([{}]);
    expect(byName("deployer").map((r) => [[...r.targets.accounts].sort(), r.trust])).toEqual([
      [["dev", "fresh", "prod"], { accounts: [], roles: ["cicd/pipeline"], services: [], requireMfa: false, grant: true }],
    ]);
    const { plan } = await planJson(handle, out);
    expect(actions(plan)).toEqual(["adopt cicd/iam/role/pipeline", "adopt dev/iam/role/deployer", "adopt fresh/iam/role/deployer", "adopt prod/iam/role/deployer"]);
    expect(words(changeAt(plan, "cicd/iam/role/pipeline"))).toEqual(["take over from acme/infra", "tags"]);
  });

  it("a grant widened by hand is drift: the plan puts it back", async () => {
    const handle = sandbox.emulator();
    const iam = await clientIn(handle, "iam", CICD);
    const wide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/*" }] };
    await iam.send(new PutRolePolicyCommand({ RoleName: "pipeline", PolicyName: "orgctl-grants", PolicyDocument: JSON.stringify(wide) }));
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["update cicd/iam/role/pipeline"]);
    expect(words(changeAt(plan, "cicd/iam/role/pipeline"))).toEqual(["inline policy orgctl-grants", "grant: may assume deployer in 3 accounts (trust with grant: true)"]);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect((await granted()).resources).toEqual([[["sts:AssumeRole"], [`arn:aws:iam::${FRESH}:role/deployer`, `arn:aws:iam::${DEV}:role/deployer`, `arn:aws:iam::${PROD}:role/deployer`].sort()]]);
  });

  it("a trusting role taken out of an account takes its ARN out of the grant", async () => {
    const handle = sandbox.emulator();
    write({ in: "dev, fresh", trust: "{ roles: [cicd/pipeline], grant: true }" });
    const { plan } = await planJson(handle, dir);
    // Not pruned: the role in prod stays (an orphan); only the permission to assume it goes.
    expect(actions(plan)).toEqual(["update cicd/iam/role/pipeline"]);
    const change = changeAt(plan, "cicd/iam/role/pipeline");
    expect(words(change)).toEqual(["inline policy orgctl-grants", "grant: may assume deployer in 2 accounts (trust with grant: true)"]);
    expect(change.destructive).toBe(true);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect((await granted()).resources).toEqual([[["sts:AssumeRole"], [`arn:aws:iam::${FRESH}:role/deployer`, `arn:aws:iam::${DEV}:role/deployer`].sort()]]);
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });

  it("taking the declaration away removes both sides: the trusts and the pipeline's grants policy", async () => {
    const handle = sandbox.emulator();
    write({ in: "dev, fresh", trust: "{ accounts: [management] }" });
    const { plan } = await planJson(handle, dir);
    expect(actions(plan)).toEqual(["update cicd/iam/role/pipeline", "update dev/iam/role/deployer", "update fresh/iam/role/deployer"]);
    expect(words(changeAt(plan, "cicd/iam/role/pipeline"))).toEqual(["inline policy orgctl-grants (remove)"]);
    expect(words(changeAt(plan, "dev/iam/role/deployer"))).toEqual(["trust policy"]);
    expect(changeAt(plan, "cicd/iam/role/pipeline").destructive).toBe(true);
    expect((await orgctl(handle, "apply", dir, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect(await granted()).toEqual({ names: [], resources: undefined });
    for (const account of [DEV, FRESH]) expect(await trustOf(account)).toEqual({ AWS: ["arn:aws:iam::111111111111:root"] });
    expect(actions((await planJson(handle, dir)).plan)).toEqual([]);
  });
});
