// An inline policy that IAM holds under orgctl's reserved name (orgctl-grants, any case) but
// that is not a grant orgctl writes (made by hand: Resource "*") cannot be written back:
// validate refuses the name, and grant: true renders only role ARNs. Import leaves it out,
// and so the first plan removes it: import must say so, never drop a permission silently.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { envFor, withEmulator, type EmulatorHandle } from "./helpers/emulator.js";
import type { Snapshot } from "../src/emulator/index.js";

const [MGMT, DEV] = ["111111111111", "222222222222"];
const CLI = path.resolve("dist/orgctl.mjs");
const trust = (principal: object) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" }] });
const wide = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] };
const granted = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: [`arn:aws:iam::${DEV}:role/deployer`] }] };

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: { managementAccountId: MGMT, accounts: [{ id: MGMT, name: "Management", email: "aws+mgmt@example.com" }, { id: DEV, name: "Development", email: "aws+dev@example.com" }] },
  iam: {
    accounts: {
      [MGMT]: {
        users: [{ UserName: "alice" }],
        groups: [{ GroupName: "ops", InlinePolicies: { "ORGCTL-GRANTS": wide }, Users: ["alice"] }],
      },
      [DEV]: {
        roles: [
          { RoleName: "worker", AssumeRolePolicyDocument: trust({ Service: "ec2.amazonaws.com" }), InlinePolicies: { "orgctl-grants": wide } },
          { RoleName: "pipeline", AssumeRolePolicyDocument: trust({ Service: "codebuild.amazonaws.com" }), InlinePolicies: { "orgctl-grants": granted } },
          { RoleName: "deployer", AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${DEV}:role/pipeline` }) },
        ],
      },
    },
  },
};
const emulator = withEmulator({ snapshot });

function orgctl(e: EmulatorHandle, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? "", ...envFor(e), NO_COLOR: "1" }, encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("import of a hand-made policy under orgctl's grants name", () => {
  it("says which ones it leaves out (the first plan removes them); a real grant comes back as grant: true without a note", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-import-foreign-")), "imported");
    const r = await orgctl(emulator(), ["import", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      [
        "note: group ops in management: its inline policy ORGCTL-GRANTS is not a grant orgctl writes (the name is reserved for grant: true): left out, so the first plan removes it; rename it in IAM to keep it",
        "note: role worker in development: its inline policy orgctl-grants is not a grant orgctl writes (the name is reserved for grant: true): left out, so the first plan removes it; rename it in IAM to keep it",
        "",
      ].join("\n"),
    );
    const roles = parse(readFileSync(path.join(out, "roles.yaml"), "utf8")).roles as { name: string; trust?: unknown; inlinePolicies?: unknown }[];
    expect(roles.map((x) => [x.name, x.trust, x.inlinePolicies])).toEqual([
      ["deployer", { roles: ["development/pipeline"], grant: true }, undefined],
      ["pipeline", { services: ["codebuild.amazonaws.com"] }, undefined],
      ["worker", { services: ["ec2.amazonaws.com"] }, undefined],
    ]);
  });
});
