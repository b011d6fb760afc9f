// What a user sees from `orgctl apply` at its edges: a saved plan applied away from the
// YAML it was made from (refused: apply derives every change from that YAML), and the
// order of a refusal's lines.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DetachRolePolicyCommand, UpdateRoleCommand } from "@aws-sdk/client-iam";
import { envFor, type EmulatorHandle } from "./helpers/emulator.js";
import { clientIn, orgctl, withExample, type RunResult } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const EXAMPLE = "examples/4-multi-account-landing";
const DEV = "210987654321";
const PROD = "321098765432";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const CLI = path.resolve("dist/orgctl.mjs");
const dir = mkdtempSync(path.join(tmpdir(), "orgctl-ux-apply-"));

/** orgctl run from another working directory, as after `cd` or in a CI job elsewhere. */
async function orgctlIn(cwd: string, handle: EmulatorHandle, ...args: string[]): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(handle), NO_COLOR: "1" };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function detachAdmin(handle: EmulatorHandle, account = DEV): Promise<void> {
  const iam = await clientIn(handle, "iam", account);
  await iam.send(new DetachRolePolicyCommand({ RoleName: "administrator", PolicyArn: ADMIN }));
  iam.destroy();
}

describe("apply: a saved plan away from its desired state", () => {
  const sandbox = withExample(EXAMPLE);

  it("refuses a saved plan whose YAML is not found from here, and applies it given that YAML", async () => {
    const handle = sandbox.emulator();
    expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    await detachAdmin(handle);
    const planFile = path.join(dir, "elsewhere.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);

    const result = await orgctlIn(dir, handle, "apply", planFile, "--audit-log", auditFile());
    expect(result.stderr).toBe(
      `Error: a saved plan is applied only against the desired state it was made from, and ${EXAMPLE}/orgctl.yaml is not here: give that YAML's path as the second argument (orgctl apply PLAN PATH)\n`,
    );
    expect(result.code).toBe(1);
    const given = await orgctlIn(dir, handle, "apply", planFile, path.resolve(EXAMPLE), "--audit-log", auditFile());
    expect(given.code).toBe(0);
  });

  it("checks it when the plan is applied where it was made, without the note", async () => {
    const handle = sandbox.emulator();
    await detachAdmin(handle);
    const planFile = path.join(dir, "here.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    const result = await orgctl(handle, "apply", planFile, "--audit-log", auditFile());
    expect(result.stderr).not.toContain("note:");
    expect(result.code).toBe(0);
  });
});

describe("apply: a stale plan", () => {
  const sandbox = withExample(EXAMPLE);

  it("names the first changed resource on the Error line, then every other one below it", async () => {
    const handle = sandbox.emulator();
    expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    await detachAdmin(handle, DEV);
    await detachAdmin(handle, PROD);
    const planFile = path.join(dir, "stale.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    for (const account of [DEV, PROD]) {
      const iam = await clientIn(handle, "iam", account);
      await iam.send(new UpdateRoleCommand({ RoleName: "administrator", Description: "edited by hand" }));
      iam.destroy();
    }

    const result = await orgctl(handle, "apply", planFile, "--audit-log", auditFile());
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      "Error: the plan no longer matches the YAML and live state: development/iam/role/administrator changed since the plan was made; run plan again",
      "  also: production/iam/role/administrator changed since the plan was made",
    ]);
    expect(result.code).toBe(1);
  });
});

/** `script` gives orgctl a terminal, where colour is on unless asked off. */
const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasScript)("apply on a terminal", () => {
  const sandbox = withExample(EXAMPLE);

  async function applyOnTty(handle: EmulatorHandle, ...flags: string[]): Promise<string> {
    const env: NodeJS.ProcessEnv = { ...process.env, ...envFor(handle) };
    delete env.NO_COLOR;
    const command = [process.execPath, CLI, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile(), ...flags].join(" ");
    const { stdout } = await promisify(execFile)("script", ["-qec", command, "/dev/null"], { env });
    return stdout;
  }

  it("colours the plan it applies, and --no-color turns that off as it does for plan", async () => {
    const handle = sandbox.emulator();
    expect(await applyOnTty(handle)).toContain("\x1b[");
    await detachAdmin(handle);
    const plain = await applyOnTty(handle, "--no-color");
    expect(plain).toContain("~ development/iam/role/administrator (update)");
    expect(plain).not.toContain("\x1b[");
  });
});
