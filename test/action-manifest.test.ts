// action.yml as the runner reads it: Node 24, the committed bundle, and the inputs and
// outputs the code actually reads and writes.
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const manifest = parse(readFileSync("action.yml", "utf8")) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
};

describe("action.yml", () => {
  it("runs the bundle under node24, and the bundle is tracked by git while other dist files are not", () => {
    expect(manifest.runs).toEqual({ using: "node24", main: "dist/action.mjs" });
    const ignored = (file: string) => {
      try {
        execFileSync("git", ["check-ignore", "-q", file]);
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored("dist/action.mjs")).toBe(false);
    expect(ignored("dist/orgctl.mjs")).toBe(true);
  });

  it("declares the inputs the code reads and the outputs it sets, with the documented defaults", () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(["command", "comment", "comment-author", "concurrency", "fail-on-drift", "github-token", "path", "plan-scope", "working-directory"]);
    expect(manifest.inputs["github-token"]!.default).toBe("${{ github.token }}");
    expect(manifest.inputs.path!.default).toBe(".");
    expect(Object.keys(manifest.outputs).sort()).toEqual(["artifact-name", "has-changes", "plan-file", "plan-json", "plan-sha256", "summary"]);
    const source = ["inputs", "outputs"].map((f) => readFileSync(`src/action/${f}.ts`, "utf8")).join("\n");
    for (const name of Object.keys(manifest.inputs)) expect(source).toContain(`"${name}"`);
    for (const name of Object.keys(manifest.outputs)) expect(source).toContain(`core.setOutput("${name}"`);
  });
});
