// Help a user reads before guessing: options a subcommand inherits are named in its help.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

async function orgctl(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["dist/orgctl.mjs", ...args]);
  return stdout;
}

describe("help", () => {
  it("plan merge names the plan options it takes (--out, --format, --no-color)", async () => {
    expect(await orgctl("plan", "merge", "--help")).toContain("plan's --out <file> (also write the merged plan), --format and --no-color apply here too.");
  });

  it("describes every command in the command list as a sentence, capitalised like the others", async () => {
    const commands = (await orgctl("--help")).split("Commands:")[1]!.split("\n").filter((l) => /^  \S/.test(l));
    const descriptions = commands.map((l) => l.trim().split(/\s{2,}/)[1]).filter((d) => d !== undefined && !d.startsWith("display help"));
    expect(descriptions.length).toBeGreaterThanOrEqual(7);
    for (const d of descriptions) expect(d).toMatch(/^[A-Z]/);
  });
});
