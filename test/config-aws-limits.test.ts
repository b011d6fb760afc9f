// AWS's documented size limits, at validate with the position of the value: otherwise
// apply creates the application, environment and profile and then fails on the version.
import { describe, expect, it } from "vitest";
import { BASE, diagnose, fixture } from "./config-fixture.js";

function app(lines: string[]): string {
  return `${BASE}appconfig:\n  App:\n    account: development\n${lines.map((l) => `    ${l}`).join("\n")}\n`;
}

describe("AWS size limits", () => {
  it("hosted content: 2 MB passes, one byte more does not", async () => {
    const limit = 2 * 1024 * 1024;
    const yaml = app(["environments: [dev]", "profiles:", "  P:", "    versions: { v1: { file: at.txt }, v2: { file: over.txt } }"]);
    const dir = await fixture({ "orgctl.yaml": yaml, "at.txt": "x".repeat(limit), "over.txt": "é".repeat(limit / 2) + "x" });
    const r = await diagnose(dir);
    expect(r.errorLines).toEqual([`orgctl.yaml:15:43: appconfig.App.profiles.P.versions.v2: content is ${limit + 1} bytes; AppConfig hosted configurations hold at most ${limit} (2 MB)`]);
  });

  it("validator content and the number of tags", async () => {
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}: x`).join(", ");
    const yaml = app([`tags: { ${tags} }`, "environments: [dev]", "profiles:", "  P:", "    validators: [ { jsonSchema: big.json } ]"]);
    const dir = await fixture({ "orgctl.yaml": yaml, "big.json": JSON.stringify({ description: "s".repeat(32800) }) });
    const r = await diagnose(dir);
    expect(r.errorLines).toEqual([
      "orgctl.yaml:12:11: appconfig.App.tags: 51 tags; AWS allows at most 50 per resource",
      "orgctl.yaml:16:37: appconfig.App.profiles.P.validators[0].jsonSchema: is 32818 characters; AppConfig allows a validator at most 32768",
    ]);
  });
});
