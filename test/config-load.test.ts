import { symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandRoles, loadDesiredState } from "../src/config/index.js";
import { BASE, diagnose, fixture } from "./config-fixture.js";

const ROLE = (name: string, target: string) => `  - name: ${name}\n    in: { ${target} }\n    trust: { accounts: [management] }\n`;

describe("multi-file loading", () => {
  it("a root file with includes: globs and directories, maps merged, roles concatenated", async () => {
    const dir = await fixture({
      "orgctl.yaml": `include: [roles-*.yaml, apps/]\n${BASE}`,
      "roles-a.yaml": `roles:\n${ROLE("a", "accounts: [development]")}`,
      "roles-b.yaml": `roles:\n${ROLE("b", "units: [Workloads]")}`,
      "apps/one.yml": "appconfig:\n  One: { account: development, environments: { dev: { description: Dev } } }\n",
      "apps/notes.txt": "not yaml",
    });
    const { state, errors } = await loadDesiredState(".", { cwd: dir });
    expect(errors).toEqual([]);
    expect(state!.files).toEqual(["orgctl.yaml", "roles-a.yaml", "roles-b.yaml", "apps/one.yml"]);
    expect(state!.roles.map((r) => r.name)).toEqual(["a", "b"]);
    expect(state!.appconfig[0]).toMatchObject({ name: "One", region: "us-east-1", environments: [{ name: "dev", description: "Dev" }] });
    expect(state!.roles[1]!.loc).toEqual({ file: "roles-b.yaml", line: 2, col: 5 });
  });

  it("a directory without orgctl.yaml loads every YAML file in it, sorted", async () => {
    const dir = await fixture({ "a.yaml": BASE, "b.yml": `roles:\n${ROLE("x", "tags: { env: dev }")}` });
    const { state } = await loadDesiredState(dir);
    expect(state!.files.map((f) => f.split("/").pop())).toEqual(["a.yaml", "b.yml"]);
    expect(expandRoles(state!).map((p) => `${p.account.key}/${p.role.name}`)).toEqual(["development/x"]);
  });

  it("duplicate map keys across files name both places; organization at most once", async () => {
    const dir = await fixture({
      "orgctl.yaml": `include: [more.yaml]\n${BASE}`,
      "more.yaml": `organization: { managementAccount: "111111111111", accessRole: R }\naccounts:\n  development: { email: other@example.com }\n`,
    });
    const r = await diagnose(dir);
    expect(r.errorLines).toEqual([
      "more.yaml:1:1: organization is already defined at orgctl.yaml:2:1",
      "more.yaml:3:3: accounts.development is already defined at orgctl.yaml:8:3",
    ]);
  });

  it("a file including itself is an include cycle; a glob matching it is not", async () => {
    const cyc = await diagnose(await fixture({ "orgctl.yaml": `include: [orgctl.yaml]\n${BASE}` }));
    expect(cyc.errorLines).toEqual([`orgctl.yaml:1:11: include "orgctl.yaml" includes the file itself (include cycle)`]);
    const glob = await diagnose(await fixture({ "orgctl.yaml": `include: ["*.yaml"]\n${BASE}`, "r.yaml": `roles:\n${ROLE("r", "accounts: [production]")}` }));
    expect(glob.errorLines).toEqual([]);
    expect(glob.state!.roles).toHaveLength(1);
  });

  it("referenced files may not escape the root directory", async () => {
    const dir = await fixture({
      "cfg/orgctl.yaml": `${BASE}roles:\n  - name: r\n    in: { accounts: [production] }\n    trust: { accounts: [management] }\n    inlinePolicies: { p: { file: ../secret.json } }\n`,
      "secret.json": "{}",
    });
    const r = await diagnose(dir, "cfg");
    expect(r.errorLines).toEqual([`cfg/orgctl.yaml:13:34: roles[0].inlinePolicies.p.file: file "../secret.json" points outside the root directory`]);
  });
});

describe("the built desired state", () => {
  it("expands trust sugar targets, managed policy names and defaults", async () => {
    const dir = await fixture({
      "orgctl.yaml": `${BASE}roles:
  - name: admin
    in: { units: [Workloads], tags: { env: dev } }
    trust: { accounts: [management, "999999999999"], requireMfa: true }
    managedPolicies: [AdministratorAccess, AWSLambdaBasicExecutionRole, "arn:aws:iam::123456789012:policy/Mine"]
`,
    });
    const { state } = await loadDesiredState(".", { cwd: dir });
    const role = state!.roles[0]!;
    expect(role).toMatchObject({ path: "/", maxSessionDuration: 3600, adopt: false, trust: { accounts: ["management", "999999999999"], requireMfa: true } });
    expect(role.managedPolicies).toEqual([
      "arn:aws:iam::aws:policy/AdministratorAccess",
      "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      "arn:aws:iam::123456789012:policy/Mine",
    ]);
    expect(expandRoles(state!).map((p) => p.account.key)).toEqual(["development"]);
    expect(state!.accounts.find((a) => a.key === "development")).toMatchObject({ name: "development", unit: "Workloads/Dev" });
    expect(state!.organization!.units.map((u) => [u.path, u.parent])).toEqual([["Workloads", null], ["Workloads/Dev", "Workloads"], ["Workloads/Prod", "Workloads"]]);
  });

  it("the digest ignores layout (files, positions, key order) but not content", async () => {
    const one = await fixture({ "orgctl.yaml": `${BASE}roles:\n${ROLE("a", "accounts: [development]")}` });
    const split = await fixture({
      "orgctl.yaml": `include: [r.yaml]\n\n${BASE}`,
      "r.yaml": "roles:\n  - trust: { accounts: [management] }\n    in: { accounts: [development] }\n    name: a\n",
    });
    const changed = await fixture({ "orgctl.yaml": `${BASE}roles:\n${ROLE("a", "accounts: [production]")}` });
    const [d1, d2, d3] = await Promise.all([one, split, changed].map(async (d) => (await loadDesiredState(".", { cwd: d })).state!.digest));
    expect(d1).toBe(d2);
    expect(d1).not.toBe(d3);
  });

  it("symlinks that stay inside the root directory are followed: files, includes and directories", async () => {
    const dir = await fixture({
      "orgctl.yaml": `include: [linked.yaml, shared/]\n${BASE}roles:\n  - name: r\n    in: { accounts: [production] }\n    trust: { accounts: [management] }\n    inlinePolicies: { p: { file: policy.json } }\n`,
      "real/roles.yaml": `roles:\n${ROLE("a", "accounts: [development]")}`,
      "real/more/b.yaml": `roles:\n${ROLE("b", "accounts: [production]")}`,
      "real/policy.json": '{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}',
    });
    symlinkSync(path.join(dir, "real", "roles.yaml"), path.join(dir, "linked.yaml"));
    symlinkSync("real/more", path.join(dir, "shared"));
    symlinkSync("real/policy.json", path.join(dir, "policy.json"));
    const r = await diagnose(dir);
    expect(r.errorLines).toEqual([]);
    expect(r.state?.roles.map((x) => x.name)).toEqual(["r", "a", "b"]);
    expect(r.state?.roles[0]?.inlinePolicies.p).toEqual({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } });
  });
});

describe("a parse cache shared by two loads (plan --changed-since)", () => {
  it("parses a file whose text is unchanged once, a changed one anew, and each state reports its own files", async () => {
    const accounts = `accounts:\n  extra: { id: "444444444444", email: aws+extra@example.com }\n`;
    const now = await fixture({ "orgctl.yaml": `include: [more.yaml]\n${BASE}\nroles:\n${ROLE("a", "accounts: [development]")}`, "more.yaml": accounts });
    const then = await fixture({ "orgctl.yaml": `include: [more.yaml]\n${BASE}\nroles:\n${ROLE("a", "accounts: [production]")}`, "more.yaml": accounts });
    const cache = new Map();
    const a = await loadDesiredState(".", { cwd: now, cache });
    expect(cache.size).toBe(2);
    const b = await loadDesiredState(".", { cwd: then, cache });
    expect(cache.size).toBe(3); // more.yaml's text was parsed once
    expect(expandRoles(a.state!).map(({ account }) => account.key)).toEqual(["development"]);
    expect(expandRoles(b.state!).map(({ account }) => account.key)).toEqual(["production"]);
    expect(b.state!.accounts.find((x) => x.key === "extra")!.loc.file).toBe("more.yaml");
    expect(b.state!.files).toEqual(["orgctl.yaml", "more.yaml"]);
  });
});
