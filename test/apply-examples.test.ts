// Every example applies against an organization that has only its accounts (as a team
// has it before adopting orgctl), and the next plan is empty.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { orgctl } from "./helpers/example-sandbox.js";
import { auditFile } from "./helpers/apply.js";

const examples = readdirSync("examples").map((e) => `examples/${e}`);

describe("apply every example", () => {
  for (const example of examples) {
    it(`${example}: applies, then plans to zero changes`, async () => {
      const loaded = await loadDesiredState(example);
      // Fast emulated time so AppConfig deployments (10 minutes of bake) finish in seconds.
      const handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!), timeScale: 120 });
      try {
        const applied = await orgctl(handle, "apply", example, "--auto-approve", "--audit-log", auditFile());
        expect(applied.stderr).not.toMatch(/^failed /m);
        expect(applied.stdout).toMatch(/Apply complete: \d+ change\(s\) applied\./);
        expect(applied.code).toBe(0);

        const replanned = await orgctl(handle, "plan", example);
        expect(replanned.stdout).not.toMatch(/^\s+[+~-] /m);
        expect(replanned.code).toBe(0);
      } finally {
        await handle.stop();
      }
    });
  }
});
