// A sensitive AppConfig version, end to end through the CLI: its content and any unkeyed
// hash of it appear in no output format and not in the saved plan (the attack: hash every
// 4-digit PIN and look for the result in a PR comment); the plan file is owner-only; apply
// takes the content from the YAML and creates the right version; the same YAML and live
// state give the same plan; import can mark versions sensitive and never prints them.
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GetHostedConfigurationVersionCommand, ListApplicationsCommand, ListConfigurationProfilesCommand, ListHostedConfigurationVersionsCommand } from "@aws-sdk/client-appconfig";
import { clientFor, envFor, withEmulator } from "./helpers/emulator.js";

const run = promisify(execFile);
const CLI = path.resolve("dist/orgctl.mjs");
const PIN = "4821";
/** The version's content as the loader builds it from the YAML map (JSON, 2-space indent). */
const CONTENT = JSON.stringify({ pin: PIN }, null, 2);

const YAML = [
  'organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }',
  "accounts:",
  '  management: { id: "111111111111", email: aws+mgmt@example.com }',
  "appconfig:",
  "  Vault:",
  "    account: management",
  "    environments: [prod]",
  "    profiles:",
  "      Keys:",
  "        versions:",
  `          v1: { content: { pin: "${PIN}" }, sensitive: true }`,
  "        deploy:",
  "          prod: { version: v1 }",
].join("\n") + "\n";

/** Every way the PIN could be recovered from text: itself, or sha256 of a candidate content. */
function leaks(text: string): string[] {
  const found: string[] = [];
  if (text.includes(`"${PIN}"`) || text.includes(`pin: ${PIN}`)) found.push("the PIN");
  for (let n = 0; n < 10000; n++) {
    const guess = JSON.stringify({ pin: String(n).padStart(4, "0") }, null, 2);
    const sha = createHash("sha256").update(guess).digest("hex");
    if (text.includes(sha)) found.push(`sha256 of PIN ${n}`);
  }
  return found;
}

describe("sensitive AppConfig content", () => {
  const emulator = withEmulator({
    snapshot: { formatVersion: 1, organizations: { managementAccountId: "111111111111", accounts: [{ id: "111111111111", name: "management", email: "aws+mgmt@example.com" }] } },
    timeScale: 600,
  });
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-sensitive-"));
  writeFileSync(path.join(dir, "orgctl.yaml"), YAML);

  async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, ...envFor(emulator()), NO_COLOR: "1" };
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof e.code !== "number") throw err;
      return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  it("is in no output format, not in the plan file (owner-only), and apply creates it from the YAML", async () => {
    // A plan file left world-readable by an earlier run must not stay so.
    writeFileSync(path.join(dir, "plan.json"), "{}", { mode: 0o644 });
    const outputs: string[] = [];
    for (const format of ["text", "markdown", "json"]) {
      const r = await cli("plan", ".", "--format", format, "--out", "plan.json");
      expect(r.code).toBe(2);
      outputs.push(r.stdout, r.stderr);
    }
    const saved = readFileSync(path.join(dir, "plan.json"), "utf8");
    expect(statSync(path.join(dir, "plan.json")).mode & 0o777).toBe(0o600);
    expect(leaks([...outputs, saved].join("\n"))).toEqual([]);
    expect(outputs[0]).toContain("(sensitive)");

    // Same YAML, same live state: the same changes, byte for byte.
    const again = await cli("plan", ".", "--format", "json", "--out", "plan2.json");
    const changes = (file: string) => JSON.stringify((JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { changes: unknown }).changes);
    expect(again.code).toBe(2);
    expect(changes("plan2.json")).toBe(changes("plan.json"));

    const applied = await cli("apply", "plan.json");
    expect({ code: applied.code, stderr: applied.stderr }).toMatchObject({ code: 0 });
    expect(leaks(applied.stdout + applied.stderr)).toEqual([]);

    const c = clientFor(emulator(), "appconfig");
    const app = (await c.send(new ListApplicationsCommand({}))).Items!.find((a) => a.Name === "Vault")!;
    const profile = (await c.send(new ListConfigurationProfilesCommand({ ApplicationId: app.Id }))).Items![0]!;
    const versions = (await c.send(new ListHostedConfigurationVersionsCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id }))).Items!;
    expect(versions.map((v) => v.VersionNumber)).toEqual([1]);
    const v1 = await c.send(new GetHostedConfigurationVersionCommand({ ApplicationId: app.Id, ConfigurationProfileId: profile.Id, VersionNumber: 1 }));
    expect(Buffer.from(v1.Content!).toString("utf8")).toBe(CONTENT);

    const replan = await cli("plan", ".", "--format", "json");
    expect(replan.code).toBe(0);
    expect(leaks(replan.stdout + replan.stderr)).toEqual([]);
  });

  it("a saved plan with sensitive versions is not applied without the YAML it came from", async () => {
    const other = mkdtempSync(path.join(tmpdir(), "orgctl-sensitive-yaml-"));
    writeFileSync(path.join(other, "orgctl.yaml"), YAML.replace("Vault", "Safe"));
    const planned = await cli("plan", other, "--format", "json", "--out", path.join(other, "plan.json"));
    expect(planned.code).toBe(2);
    const moved = path.join(dir, "moved-plan.json");
    writeFileSync(moved, readFileSync(path.join(other, "plan.json")));
    rmSync(path.join(other, "orgctl.yaml"));
    const r = await cli("apply", moved);
    expect(r.code).toBe(1);
    // Apply derives every change (sensitive content included) from the YAML the plan was made from.
    expect(r.stderr).toMatch(/^Error: a saved plan is applied only against the desired state it was made from, and .*orgctl\.yaml is not here: give that YAML's path as the second argument \(orgctl apply PLAN PATH\)$/m);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  it("import marks the matching profiles' versions sensitive, writes owner-only files and prints no content", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-sensitive-import-")), "imported");
    const r = await cli("import", "--out", out, "--appconfig", "--sensitive", "Vault/*");
    expect(r.code).toBe(0);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
    const appYaml = readFileSync(path.join(out, "appconfig", "vault.yaml"), "utf8");
    expect(appYaml).toContain("sensitive: true");
    for (const f of readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      expect({ f: f.name, mode: statSync(path.join(f.parentPath, f.name)).mode & 0o777 }).toEqual({ f: f.name, mode: 0o600 });
    }
    const plan = await cli("plan", out, "--format", "markdown");
    expect(leaks(plan.stdout + plan.stderr)).toEqual([]);
  });
});
