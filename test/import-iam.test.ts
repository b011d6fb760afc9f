// Import of IAM beyond roles, end to end: groups (inline and managed policies, members),
// OpenID Connect providers and the instance profiles roles are in are written to YAML; the
// result validates, plans only adopts (groups carry no tags: an imported group plans to
// nothing), and after apply plans nothing. Nothing import wrote may lead orgctl to delete
// what it does not own: after apply, every group member and instance profile is still there.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GetGroupCommand, GetInstanceProfileCommand, ListInstanceProfilesCommand } from "@aws-sdk/client-iam";
import { envFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";
import { clientIn } from "./helpers/example-sandbox.js";
import type { Snapshot } from "../src/emulator/index.js";

const MGMT = "111111111111";
const DEV = "222222222222";
const CLI = path.resolve("dist/orgctl.mjs");
const GITHUB = "token.actions.githubusercontent.com";

const trust = (principal: object) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
const assumeAdmin = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${DEV}:role/administrator` }] };
const denyBilling = { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "aws-portal:*", Resource: "*" }] };

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MGMT,
    accounts: [
      { id: MGMT, name: "Management", email: "aws+mgmt@example.com" },
      { id: DEV, name: "Development", email: "aws+dev@example.com" },
    ],
  },
  iam: {
    accounts: {
      [MGMT]: {
        users: [{ UserName: "alice" }, { UserName: "Bob" }, { UserName: "carol" }],
        policies: [{ PolicyName: "deny-billing", Document: denyBilling }],
        groups: [
          {
            GroupName: "development_administrator",
            Path: "/people/",
            InlinePolicies: { "assume-administrator": assumeAdmin },
            ManagedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", `arn:aws:iam::${MGMT}:policy/deny-billing`],
            Users: ["alice", "Bob"],
          },
          // An empty group round-trips too.
          { GroupName: "auditors" },
        ],
        oidcProviders: [
          { Url: `https://${GITHUB}`, ClientIDList: ["sts.amazonaws.com"], ThumbprintList: ["6938fd4d98bab03faadb97b34396831e3780aea1"], Tags: [{ Key: "team", Value: "ci" }] },
        ],
      },
      [DEV]: {
        roles: [
          { RoleName: "administrator", AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${MGMT}:root` }), ManagedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
          { RoleName: "stsservice", AssumeRolePolicyDocument: trust({ Service: "ec2.amazonaws.com" }) },
          { RoleName: "builder", Path: "/ci/", AssumeRolePolicyDocument: trust({ Service: "ec2.amazonaws.com" }) },
        ],
        instanceProfiles: [
          // Same name and path as its role: `instanceProfile: true`.
          { InstanceProfileName: "stsservice", Roles: ["stsservice"] },
          // Another name and path: written out.
          { InstanceProfileName: "ci-builder", Path: "/ec2/", Roles: ["builder"] },
        ],
        oidcProviders: [{ Url: "https://oidc.example.com/tenant/a", ClientIDList: ["api://orgctl", "sts.amazonaws.com"] }],
      },
    },
  },
};

const emulator = withEmulator({ snapshot });

function orgctl(e: EmulatorHandle, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", ...envFor(e) }, encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function planned(e: EmulatorHandle, dir: string): Promise<{ code: number; real: string[]; conflicts: unknown[] }> {
  const r = await orgctl(e, ["plan", dir, "--format", "json"]);
  const plan = JSON.parse(r.stdout) as { changes: { action: string; address: string }[]; conflicts: unknown[] };
  return { code: r.code, real: plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`).sort(), conflicts: plan.conflicts };
}

describe("orgctl import of groups, OIDC providers and instance profiles", () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-import-iam-")), "imported");

  it("writes groups with policies and members, OIDC providers, and roles' instance profiles", async () => {
    const r = await orgctl(emulator(), ["import", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["groups.yaml", "oidc-providers.yaml", "orgctl.yaml", "policies.yaml", "roles.yaml", "schemas"]);
    expect(parse(readFileSync(path.join(out, "orgctl.yaml"), "utf8")).include).toEqual(["roles.yaml", "policies.yaml", "groups.yaml", "oidc-providers.yaml"]);
    expect(parse(readFileSync(path.join(out, "groups.yaml"), "utf8")).groups).toEqual([
      { name: "auditors", in: { accounts: ["management"] }, adopt: true },
      {
        name: "development_administrator",
        in: { accounts: ["management"] },
        path: "/people/",
        inlinePolicies: { "assume-administrator": assumeAdmin },
        managedPolicies: [`arn:aws:iam::${MGMT}:policy/deny-billing`, "ReadOnlyAccess"],
        members: ["Bob", "alice"],
        adopt: true,
      },
    ]);
    expect(parse(readFileSync(path.join(out, "oidc-providers.yaml"), "utf8")).oidcProviders).toEqual([
      { url: "https://oidc.example.com/tenant/a", in: { accounts: ["development"] }, audiences: ["api://orgctl", "sts.amazonaws.com"], adopt: true },
      { url: `https://${GITHUB}`, in: { accounts: ["management"] }, audiences: ["sts.amazonaws.com"], thumbprints: ["6938fd4d98bab03faadb97b34396831e3780aea1"], tags: { team: "ci" }, adopt: true },
    ]);
    const roles = parse(readFileSync(path.join(out, "roles.yaml"), "utf8")).roles as { name: string; instanceProfile?: unknown }[];
    expect(roles.map((x) => [x.name, x.instanceProfile])).toEqual([
      ["administrator", undefined],
      ["builder", { name: "ci-builder", path: "/ec2/" }],
      ["stsservice", true],
    ]);
  });

  it("validates, plans only adopts, and nothing once applied; no member or profile is lost", async () => {
    const e = emulator();
    const validate = await orgctl(e, ["validate", out]);
    expect(validate.stderr).toBe("");
    expect(validate.code).toBe(0);
    const first = await planned(e, out);
    expect(first.conflicts).toEqual([]);
    expect(first.real).toEqual([
      "adopt development/iam/oidc-provider/oidc.example.com/tenant/a",
      "adopt development/iam/role/administrator",
      "adopt development/iam/role/builder",
      "adopt development/iam/role/stsservice",
      "adopt management/iam/managed-policy/deny-billing",
      `adopt management/iam/oidc-provider/${GITHUB}`,
    ]);
    const applied = await orgctl(e, ["apply", out, "--auto-approve"]);
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    const second = await planned(e, out);
    expect(second.real).toEqual([]);
    expect(second.code).toBe(0);

    const mgmt = await clientIn(e, "iam", MGMT);
    const group = await mgmt.send(new GetGroupCommand({ GroupName: "development_administrator" }));
    expect(group.Users!.map((u) => u.UserName).sort()).toEqual(["Bob", "alice"]);
    const dev = await clientIn(e, "iam", DEV);
    expect((await dev.send(new ListInstanceProfilesCommand({}))).InstanceProfiles!.map((p) => `${p.Path}${p.InstanceProfileName}`).sort()).toEqual(["/ec2/ci-builder", "/stsservice"]);
    const profile = await dev.send(new GetInstanceProfileCommand({ InstanceProfileName: "ci-builder" }));
    expect(profile.InstanceProfile!.Roles!.map((x) => x.RoleName)).toEqual(["builder"]);
  });

  it("moving a role to another instance profile leaves the imported one as it is: it carries no ownership tag, so it is not orgctl's", async () => {
    const e = emulator();
    const rolesFile = path.join(out, "roles.yaml");
    writeFileSync(rolesFile, readFileSync(rolesFile, "utf8").replace("instanceProfile: true", "instanceProfile: { name: stsservice-v2 }"));
    expect((await planned(e, out)).real).toEqual(["update development/iam/role/stsservice"]);
    const applied = await orgctl(e, ["apply", out, "--auto-approve"]);
    expect(applied.stderr).not.toMatch(/^failed /m);
    expect(applied.code).toBe(0);
    expect((await planned(e, out)).real).toEqual([]);
    const dev = await clientIn(e, "iam", DEV);
    const profiles = (await dev.send(new ListInstanceProfilesCommand({}))).InstanceProfiles!;
    expect(profiles.map((p) => [p.InstanceProfileName, p.Roles!.map((x) => x.RoleName)]).sort()).toEqual([
      ["ci-builder", ["builder"]],
      ["stsservice", ["stsservice"]],
      ["stsservice-v2", ["stsservice"]],
    ]);
  });
});
