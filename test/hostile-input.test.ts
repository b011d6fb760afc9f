// Hostile input, as a pull request could bring it: every case must end with exit 1, a
// message at the file:line:col of the reference, no stack trace and not one byte of a
// file orgctl refused or of a sensitive value, and must end at all (the test's own
// timeout is the bound). Both validate and plan run through the shipped CLI; plan runs
// against an emulator, so input that slipped through validation would be planned and
// printed, not stopped by a missing endpoint.
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { envFor, withEmulator } from "./helpers/emulator.js";

const run = promisify(execFile);
const CLI = path.resolve("dist/orgctl.mjs");
/** Planted in every file outside the root and in the environment: it must never come back. */
const MARKER = "SECRET7F3A9C";

const HEAD = [
  'organization: { managementAccount: "111111111111", accessRole: OrganizationAccountAccessRole }',
  "accounts:",
  '  management: { id: "111111111111", email: aws+mgmt@example.com }',
];

/** A desired state with one AppConfig profile; `profile` holds the profile's lines (indented 6). */
function appconfig(profile: string[]): string {
  return [...HEAD, "appconfig:", "  App:", "    account: management", "    environments: [dev]", "    profiles:", "      P:", ...profile.map((l) => `        ${l}`)].join("\n") + "\n";
}

function versionFile(file: string, extra = ""): string {
  return appconfig([`versions: { v1: { file: ${file}${extra} } }`]);
}

function validatorFile(file: string, content = "{}"): string {
  return appconfig([`validators: [ { jsonSchema: ${file} } ]`, `versions: { v1: { content: ${content} } }`]);
}

function inlineSchema(schema: string, version: string): string {
  return appconfig([`validators: [ { jsonSchema: ${schema} } ]`, `versions: { v1: { ${version} } }`]);
}

function policyFile(file: string): string {
  return [...HEAD, "roles:", "  - name: r", "    in: { accounts: [management] }", "    trust: { accounts: [management] }", `    inlinePolicies: { p: { file: ${file} } }`].join("\n") + "\n";
}

/** "file:line:col" of the first occurrence of `needle` in `text`. */
function where(file: string, text: string, needle: string): string {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in ${file}`);
  const before = text.slice(0, i).split("\n");
  return `${file}:${before.length}:${before[before.length - 1]!.length + 1}`;
}

interface Case {
  name: string;
  /** Writes the case into `dir` (the root), with `outside` a directory beside it; returns the expected error line. */
  setup(dir: string, outside: string): string;
}

function write(dir: string, name: string, text: string | Buffer): string {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), text);
  return typeof text === "string" ? text : "";
}

const P = "appconfig.App.profiles.P";

const CASES: Case[] = [
  {
    name: "a version file symlinked to a file outside the root",
    setup(dir, outside) {
      symlinkSync(path.join(outside, "secret.json"), path.join(dir, "settings.json"));
      const y = write(dir, "orgctl.yaml", versionFile("settings.json"));
      return `${where("orgctl.yaml", y, "settings.json")}: ${P}.versions.v1.file: file "settings.json" resolves outside the root directory`;
    },
  },
  {
    name: "a version file symlinked to /proc/self/environ",
    setup(dir) {
      symlinkSync("/proc/self/environ", path.join(dir, "settings.txt"));
      const y = write(dir, "orgctl.yaml", versionFile("settings.txt"));
      return `${where("orgctl.yaml", y, "settings.txt")}: ${P}.versions.v1.file: file "settings.txt" resolves outside the root directory`;
    },
  },
  {
    name: "a version file under a symlinked directory",
    setup(dir, outside) {
      symlinkSync(outside, path.join(dir, "data"));
      const y = write(dir, "orgctl.yaml", versionFile("data/secret.json"));
      return `${where("orgctl.yaml", y, "data/secret.json")}: ${P}.versions.v1.file: file "data/secret.json" resolves outside the root directory`;
    },
  },
  {
    name: "a version file reached with ../",
    setup(dir) {
      const y = write(dir, "orgctl.yaml", versionFile(`../${path.basename(dir)}-outside/secret.json`));
      return `${where("orgctl.yaml", y, "../")}: ${P}.versions.v1.file: file "../${path.basename(dir)}-outside/secret.json" points outside the root directory`;
    },
  },
  {
    name: "an include symlinked to a YAML file outside the root",
    setup(dir, outside) {
      symlinkSync(path.join(outside, "secret.yaml"), path.join(dir, "more.yaml"));
      const y = write(dir, "orgctl.yaml", [...HEAD, "include: [more.yaml]"].join("\n") + "\n");
      return `${where("orgctl.yaml", y, "more.yaml")}: include "more.yaml": more.yaml resolves outside the root directory`;
    },
  },
  {
    name: "an include glob matching a symlink to /etc/passwd",
    setup(dir) {
      mkdirSync(path.join(dir, "conf"));
      symlinkSync("/etc/passwd", path.join(dir, "conf", "passwd.yaml"));
      const y = write(dir, "orgctl.yaml", [...HEAD, "include: [conf/*.yaml]"].join("\n") + "\n");
      return `${where("orgctl.yaml", y, "conf/*.yaml")}: include "conf/*.yaml": conf/passwd.yaml resolves outside the root directory`;
    },
  },
  {
    name: "a YAML file in the root directory symlinked outside",
    setup(dir, outside) {
      write(dir, "a.yaml", HEAD.join("\n") + "\n");
      symlinkSync(path.join(outside, "secret.yaml"), path.join(dir, "b.yaml"));
      return `b.yaml: b.yaml resolves outside the root directory`;
    },
  },
  {
    name: "a policy file symlinked outside",
    setup(dir, outside) {
      symlinkSync(path.join(outside, "secret.json"), path.join(dir, "policy.json"));
      const y = write(dir, "orgctl.yaml", policyFile("policy.json"));
      return `${where("orgctl.yaml", y, "policy.json")}: roles[0].inlinePolicies.p.file: file "policy.json" resolves outside the root directory`;
    },
  },
  {
    name: "a validator schema symlinked outside",
    setup(dir, outside) {
      symlinkSync(path.join(outside, "secret.json"), path.join(dir, "schema.json"));
      const y = write(dir, "orgctl.yaml", validatorFile("schema.json"));
      return `${where("orgctl.yaml", y, "schema.json")}: ${P}.validators[0].jsonSchema: file "schema.json" resolves outside the root directory`;
    },
  },
  {
    name: "a FIFO as a version file",
    setup(dir) {
      mkfifo(path.join(dir, "pipe.json"));
      const y = write(dir, "orgctl.yaml", versionFile("pipe.json"));
      return `${where("orgctl.yaml", y, "pipe.json")}: ${P}.versions.v1.file: file "pipe.json" is not a regular file`;
    },
  },
  {
    name: "a FIFO as an include",
    setup(dir) {
      mkfifo(path.join(dir, "pipe.yaml"));
      const y = write(dir, "orgctl.yaml", [...HEAD, "include: [pipe.yaml]"].join("\n") + "\n");
      return `${where("orgctl.yaml", y, "pipe.yaml")}: include "pipe.yaml": pipe.yaml is not a regular file`;
    },
  },
  {
    name: "a symlink to a device as a version file",
    setup(dir) {
      symlinkSync("/dev/zero", path.join(dir, "zero.json"));
      const y = write(dir, "orgctl.yaml", versionFile("zero.json"));
      return `${where("orgctl.yaml", y, "zero.json")}: ${P}.versions.v1.file: file "zero.json" resolves outside the root directory`;
    },
  },
  {
    name: "a directory as a version file",
    setup(dir) {
      mkdirSync(path.join(dir, "folder.json"));
      const y = write(dir, "orgctl.yaml", versionFile("folder.json"));
      return `${where("orgctl.yaml", y, "folder.json")}: ${P}.versions.v1.file: file "folder.json" is not a regular file`;
    },
  },
  {
    name: "a catastrophic pattern in a validator",
    setup(dir) {
      const y = write(dir, "orgctl.yaml", inlineSchema(`{ properties: { s: { type: string, pattern: "^(a+)+$" } } }`, `content: { s: "${"a".repeat(40)}!" }`));
      return `${where("orgctl.yaml", y, "v1:")}: ${P}.versions.v1: version v1 does not match inline: /s must match pattern "^(a+)+$"`;
    },
  },
  {
    name: "a catastrophic patternProperties in a validator",
    setup(dir) {
      const schema = `{ type: object, patternProperties: { "^(a+)+$": { type: string } }, additionalProperties: false }`;
      const y = write(dir, "orgctl.yaml", inlineSchema(schema, `content: { "${"a".repeat(40)}!": 1 }`));
      return `${where("orgctl.yaml", y, "v1:")}: ${P}.versions.v1: version v1 does not match inline: (root) must NOT have additional properties`;
    },
  },
  {
    name: "a pattern the linear-time engine does not support",
    setup(dir) {
      const y = write(dir, "orgctl.yaml", inlineSchema(`{ type: string, pattern: "^(a)\\\\1$" }`, `content: "aa"`));
      return `${where("orgctl.yaml", y, "{ type: string")}: ${P}.validators[0].jsonSchema: inline: invalid JSON Schema: pattern "^(a)\\\\1$" is not supported (linear-time regular expressions only)`;
    },
  },
  {
    name: "a validator that refers to itself",
    setup(dir) {
      const y = write(dir, "orgctl.yaml", inlineSchema(`{ definitions: { a: { $ref: "#/definitions/a" } }, $ref: "#/definitions/a" }`, `content: { x: 1 }`));
      return `${where("orgctl.yaml", y, "{ definitions")}: ${P}.validators[0].jsonSchema: inline: invalid JSON Schema: the schema refers to itself without end`;
    },
  },
  {
    name: "a validator with a remote $ref",
    setup(dir) {
      const y = write(dir, "orgctl.yaml", inlineSchema(`{ $ref: "http://127.0.0.1:9/schema.json" }`, `content: { x: 1 }`));
      return `${where("orgctl.yaml", y, "{ $ref")}: ${P}.validators[0].jsonSchema: inline: invalid JSON Schema: $ref "http://127.0.0.1:9/schema.json" cannot be resolved (only references inside the schema are)`;
    },
  },
  {
    name: "hosted content over AppConfig's 2 MB",
    setup(dir) {
      write(dir, "big.txt", "x".repeat(2 * 1024 * 1024 + 1));
      const y = write(dir, "orgctl.yaml", versionFile("big.txt"));
      return `${where("orgctl.yaml", y, "v1:")}: ${P}.versions.v1: content is 2097153 bytes; AppConfig hosted configurations hold at most 2097152 (2 MB)`;
    },
  },
  {
    name: "a referenced file over the 5 MB read limit",
    setup(dir) {
      write(dir, "huge.txt", "x".repeat(5 * 1024 * 1024 + 1));
      const y = write(dir, "orgctl.yaml", versionFile("huge.txt"));
      return `${where("orgctl.yaml", y, "huge.txt")}: ${P}.versions.v1.file: file "huge.txt" is too large (5242881 bytes; the limit is 5242880)`;
    },
  },
  {
    name: "deeply nested YAML",
    setup(dir) {
      write(dir, "orgctl.yaml", `${HEAD.join("\n")}\nsettings: { x: ${"[".repeat(150)}${"]".repeat(150)} }\n`);
      return `orgctl.yaml:4:${16 + 98}: nested too deeply (the limit is 100 levels)`;
    },
  },
  {
    name: "deeply nested JSON content",
    setup(dir) {
      write(dir, "deep.json", "[".repeat(100000) + "]".repeat(100000));
      const y = write(dir, "orgctl.yaml", versionFile("deep.json"));
      return `${where("orgctl.yaml", y, "v1:")}: ${P}.versions.v1: content is nested too deeply (the limit is 100 levels) at line 1, column 101`;
    },
  },
  {
    name: "an included file that is not orgctl YAML (its keys are its text)",
    setup(dir) {
      write(dir, "creds.yaml", `db password ${MARKER}: 1\n`);
      write(dir, "orgctl.yaml", [...HEAD, "include: [creds.yaml]"].join("\n") + "\n");
      return `creds.yaml:1:1: unknown property`;
    },
  },
  {
    name: "an alias bomb in an included file",
    setup(dir) {
      const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill("*" + String.fromCharCode(96 + i)).join(", ")}]`);
      write(dir, "bomb.yaml", bomb.join("\n") + "\n");
      write(dir, "orgctl.yaml", [...HEAD, "include: [bomb.yaml]"].join("\n") + "\n");
      return `bomb.yaml:1:1: cannot expand YAML aliases: Excessive alias count indicates a resource exhaustion attack`;
    },
  },
  {
    name: "invalid UTF-8 in a version file",
    setup(dir) {
      write(dir, "bad.txt", Buffer.from([0x61, 0x62, 0x0a, 0x63, 0xc3, 0x28, 0x0a]));
      const y = write(dir, "orgctl.yaml", versionFile("bad.txt"));
      return `${where("orgctl.yaml", y, "bad.txt")}: ${P}.versions.v1.file: file "bad.txt" is not valid UTF-8 (line 2, column 2)`;
    },
  },
  {
    name: "invalid UTF-8 in a YAML file",
    setup(dir) {
      write(dir, "orgctl.yaml", Buffer.concat([Buffer.from(HEAD.join("\n") + "\nsettings: { region: eu-"), Buffer.from([0xff, 0xfe]), Buffer.from(" }\n")]));
      return `orgctl.yaml:4:24: not valid UTF-8`;
    },
  },
  {
    name: "sensitive content that is not valid JSON",
    setup(dir) {
      write(dir, "secret.json", `{"password": "${MARKER}" oops}`);
      const y = write(dir, "orgctl.yaml", versionFile("secret.json", ", sensitive: true"));
      return `${where("orgctl.yaml", y, "v1:")}: ${P}.versions.v1: content is not valid JSON (line 1, column 29)`;
    },
  },
  {
    name: "a policy file that is not valid JSON",
    setup(dir) {
      write(dir, "policy.json", `{"Version": "2012-10-17", "Statement": ${MARKER}}`);
      const y = write(dir, "orgctl.yaml", policyFile("policy.json"));
      return `${where("orgctl.yaml", y, "policy.json")}: roles[0].inlinePolicies.p.file: file "policy.json" is not valid JSON (line 1, column 40)`;
    },
  },
];

function mkfifo(file: string): void {
  // No mkfifo in node:fs; the coreutils tool is on every machine the tests run on.
  const r = spawnSync("mkfifo", [file]);
  if (r.status !== 0) throw new Error(`mkfifo failed: ${String(r.stderr)}`);
}

describe("hostile input", () => {
  const emulator = withEmulator({
    snapshot: { formatVersion: 1, organizations: { managementAccountId: "111111111111", accounts: [{ id: "111111111111", name: "management", email: "aws+mgmt@example.com" }] } },
  });

  async function cli(dir: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const env = { ...process.env, ...envFor(emulator()), NO_COLOR: "1", LEAK_CANARY: MARKER };
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code?: unknown; stdout?: string; stderr?: string };
      if (typeof e.code !== "number") throw err;
      return { code: e.code, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
    }
  }

  for (const c of CASES) {
    it(c.name, async () => {
      const base = mkdtempSync(path.join(tmpdir(), "orgctl-hostile-"));
      const dir = path.join(base, "root");
      const outside = path.join(base, "root-outside");
      mkdirSync(dir);
      mkdirSync(outside);
      writeFileSync(path.join(outside, "secret.json"), `{"token": "${MARKER}"}\n`);
      writeFileSync(path.join(outside, "secret.yaml"), `${MARKER}: 1\naccounts: { ${MARKER}x: 1 }\n`);
      const expected = c.setup(dir, outside);
      for (const command of ["validate", "plan"]) {
        const r = await cli(dir, command, ".");
        expect({ command, code: r.code }).toEqual({ command, code: 1 });
        expect(r.stderr.split("\n"), r.stderr).toContain(expected);
        expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
        expect(r.stdout + r.stderr).not.toContain(MARKER);
        expect(r.stdout).toBe("");
      }
    });
  }
});
