import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BASE, fixture } from "./config-fixture.js";

const CLI = path.resolve("dist/orgctl.mjs");

function validate(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, "validate", ...args], { cwd, encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectNoStack(stderr: string) {
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
}

describe("orgctl validate", () => {
  it("exits 0 on a valid desired state, defaulting to ./orgctl.yaml, with a summary", async () => {
    const dir = await fixture({ "orgctl.yaml": BASE, "other.yaml": "not: [valid" });
    const r = validate(dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("valid: 1 file, 3 accounts, 0 roles, 0 AppConfig applications; 0 warnings\n");
    expect(r.stderr).toBe("");
  });

  it("exits 0 with warnings printed on stderr", async () => {
    const dir = await fixture({
      "orgctl.yaml": `${BASE}roles:\n  - name: r\n    in: { accounts: [production] }\n    trust: { accounts: [management] }\n    inlinePolicies: { all: { Statement: { Effect: Allow, Action: "*", Resource: "*" } } }\n`,
    });
    const r = validate(dir, "orgctl.yaml");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `orgctl.yaml:13:41: warning: roles[0].inlinePolicies.all.Statement: allows every action on every resource ("Action": "*" on "Resource": "*")\n`,
    );
    expect(r.stdout).toContain("1 warning");
  });

  it("exits 1 listing every error and a summary", async () => {
    const dir = await fixture({ "orgctl.yaml": BASE.replace('"333333333333"', "333333333333").replace("unit: Workloads/Dev", "unit: Workloads/Test") });
    const r = validate(dir, ".");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        `orgctl.yaml:7:72: accounts.development.unit: unknown unit "Workloads/Test"`,
        "orgctl.yaml:8:21: accounts.production.id: must be a string",
        "invalid: 2 errors, 0 warnings",
        "",
      ].join("\n"),
    );
    expect(r.stdout).toBe("");
  });

  it("refuses an alias bomb", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill("*" + String.fromCharCode(96 + i)).join(", ")}]`);
    const dir = await fixture({ "orgctl.yaml": bomb.join("\n") + "\n" });
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^orgctl\.yaml:1:1: cannot expand YAML aliases: .*alias/m);
    expectNoStack(r.stderr);
  });

  it("refuses a 10 MB file before parsing it", async () => {
    const dir = await fixture({});
    writeFileSync(path.join(dir, "orgctl.yaml"), "# padding\n".repeat(1024 * 1024));
    const r = validate(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("orgctl.yaml: orgctl.yaml is too large (10485760 bytes; the limit is 5242880)\ninvalid: 1 error, 0 warnings\n");
  });

  it("a directory without YAML, a missing path, an unreadable file: exit 1, no stack trace", async () => {
    const dir = await fixture({ "notes.txt": "hello" });
    mkdirSync(path.join(dir, "empty"));
    const empty = validate(dir, "empty");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe("empty: no YAML files (*.yaml, *.yml) in this directory\ninvalid: 1 error, 0 warnings\n");
    const missing = validate(dir, "nope.yaml");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("nope.yaml: cannot read: no such file or directory\ninvalid: 1 error, 0 warnings\n");
    writeFileSync(path.join(dir, "locked.yaml"), BASE);
    chmodSync(path.join(dir, "locked.yaml"), 0o000);
    const locked = validate(dir, "locked.yaml");
    // root reads anything, so there the file is simply valid.
    const isRoot = process.getuid?.() === 0;
    expect(locked.code).toBe(isRoot ? 0 : 1);
    if (!isRoot) expect(locked.stderr).toContain("locked.yaml: locked.yaml cannot be read: permission denied");
    // As root the permission bits do not stop reads: a FIFO (reading it would block) and a path through a file do.
    spawnSync("mkfifo", [path.join(dir, "fifo.yaml")]);
    const fifo = validate(dir, "fifo.yaml");
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toBe("fifo.yaml: fifo.yaml is not a regular file\ninvalid: 1 error, 0 warnings\n");
    const through = validate(dir, "notes.txt/x.yaml");
    expect(through.code).toBe(1);
    expect(through.stderr).toBe("notes.txt/x.yaml: cannot read: not a directory\ninvalid: 1 error, 0 warnings\n");
    for (const r of [empty, missing, locked, fifo, through]) expectNoStack(r.stderr);
  });

  it("wrong types and hostile YAML tags give errors, not crashes", async () => {
    const dir = await fixture({ "orgctl.yaml": "- just\n- a list\n", "tags.yaml": "accounts: !!js/function 'x'\n" });
    const list = validate(dir, "orgctl.yaml");
    expect(list.code).toBe(1);
    expect(list.stderr).toBe("orgctl.yaml:1:1: must be a map\ninvalid: 1 error, 0 warnings\n");
    const tag = validate(dir, "tags.yaml");
    expect(tag.code).toBe(1);
    expectNoStack(tag.stderr);
  });
});
