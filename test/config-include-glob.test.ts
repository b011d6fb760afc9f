// `include:` globs come from YAML a pull request brings. Matched as a regular expression,
// "*a*a*…a*b.yaml" against a long file name backtracks for longer than any CI allows: the
// plan would hang instead of answering. They are matched by a walk that cannot backtrack.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expandGlob } from "../src/config/paths.js";

describe("include globs", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-glob-"));
  writeFileSync(path.join(dir, `${"a".repeat(200)}.yaml`), "{}\n");
  writeFileSync(path.join(dir, "roles.yaml"), "{}\n");

  it("a pattern built to backtrack matches nothing, at once", async () => {
    expect(await expandGlob(dir, `${"*a".repeat(30)}*b.yaml`)).toEqual([]);
  });

  it("still matches what it should: * within a name, ? for one character, never a hidden file", async () => {
    writeFileSync(path.join(dir, ".hidden.yaml"), "{}\n");
    expect((await expandGlob(dir, "*.yaml")).map((p) => path.basename(p))).toEqual([`${"a".repeat(200)}.yaml`, "roles.yaml"]);
    expect((await expandGlob(dir, "role?.yaml")).map((p) => path.basename(p))).toEqual(["roles.yaml"]);
  });
});
