// Two repositories manage roles in the same accounts, both with prune: true. With an
// ownership tag that named no owner they deleted each other's roles; now each prunes only
// what it owns, and taking over the other's role needs adopt: true.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetRoleCommand, ListRoleTagsCommand, type IAMClient } from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { auditFile } from "./helpers/apply.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";

const EXAMPLE = "examples/4-multi-account-landing";
const DEV = "210987654321";

/** The example as another repository: its own owner, and one extra role in every member account. */
function repository(owner: string, extraRole: string, adopt = false): string {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-owner-"));
  cpSync(EXAMPLE, dir, { recursive: true });
  const main = path.join(dir, "orgctl.yaml");
  writeFileSync(main, readFileSync(main, "utf8").replace("settings: { prune: true, region: eu-west-1 }", `settings: { prune: true, region: eu-west-1, owner: "${owner}" }`));
  const roles = path.join(dir, "roles.yaml");
  const extra = `  - name: ${extraRole}\n    in: { units: [Workloads] }\n    trust: { accounts: [management] }\n${adopt ? "    adopt: true\n" : ""}`;
  writeFileSync(roles, readFileSync(roles, "utf8").replace("roles:\n", `roles:\n${extra}`));
  return dir;
}

let handle: EmulatorHandle;
let iam: IAMClient;
beforeAll(async () => {
  const loaded = await loadDesiredState(EXAMPLE);
  handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
  iam = await clientIn(handle, "iam", DEV);
});
afterAll(async () => {
  iam?.destroy();
  await handle?.stop();
});

const ownerTag = async (role: string) => (await iam.send(new ListRoleTagsCommand({ RoleName: role }))).Tags?.find((t) => t.Key === "orgctl:managed")?.Value;

describe("two desired states with prune in one account", () => {
  it("neither deletes the other's role; a take-over needs adopt and says so", async () => {
    const platform = repository("github.com/acme/platform:org", "platform-reader");
    const data = repository("github.com/acme/data:org", "data-reader");
    expect((await orgctl(handle, "apply", platform, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    expect(await ownerTag("platform-reader")).toBe("github.com/acme/platform:org");

    // The second repository declares the shared roles too: they are the first one's now.
    const refused = await orgctl(handle, "plan", data);
    expect(refused.stdout).toContain("role administrator exists and is managed by another desired state (github.com/acme/platform:org); set adopt: true to take it over");
    expect(refused.stdout).not.toContain("platform-reader");
    expect(refused.code).toBe(1);

    // Without the shared roles it applies its own, and leaves platform-reader alone.
    const own = repository("github.com/acme/data:org", "data-reader");
    writeFileSync(path.join(own, "roles.yaml"), `roles:\n  - name: data-reader\n    in: { units: [Workloads] }\n    trust: { accounts: [management] }\n`);
    const applied = await orgctl(handle, "apply", own, "--auto-approve", "--audit-log", auditFile());
    expect(applied.stdout).not.toContain("platform-reader");
    expect(applied.code).toBe(0);
    expect((await iam.send(new GetRoleCommand({ RoleName: "platform-reader" }))).Role?.RoleName).toBe("platform-reader");
    expect(await ownerTag("data-reader")).toBe("github.com/acme/data:org");

    // The first repository, planning again, does not see data-reader either.
    expect((await orgctl(handle, "plan", platform)).code).toBe(0);

    // Taking platform-reader over is explicit.
    const takeover = repository("github.com/acme/data:org", "platform-reader", true);
    writeFileSync(path.join(takeover, "roles.yaml"), readFileSync(path.join(takeover, "roles.yaml"), "utf8").replace(/  - name: administrator[\s\S]*$/, "  - name: data-reader\n    in: { units: [Workloads] }\n    trust: { accounts: [management] }\n"));
    const plan = await orgctl(handle, "plan", takeover);
    expect(plan.stdout).toContain("take over from github.com/acme/platform:org");
    expect(plan.code).toBe(2);
  });
});
