// One apply at a time against one organization: the lock is an IAM policy created
// create-only in the management account. Two applies of plans made from the same live
// state used to interleave (roles ended in neither plan's state, both exit 0).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreatePolicyCommand, GetPolicyCommand, GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { resolveOwner } from "../src/config/owner.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";

const EXAMPLE = "examples/4-multi-account-landing";
const MANAGEMENT = "111111111111";
const DEV = "210987654321";
const LOCK_ARN = `arn:aws:iam::${MANAGEMENT}:policy/orgctl/orgctl-apply-lock`;
const DOC = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "sts:AssumeRole", Resource: "arn:aws:iam::*:role/none" }] });

let handle: EmulatorHandle;
let mgmt: IAMClient;
let dev: IAMClient;

beforeAll(async () => {
  const loaded = await loadDesiredState(EXAMPLE);
  handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
  mgmt = await clientIn(handle, "iam", MANAGEMENT);
  dev = await clientIn(handle, "iam", DEV);
});
afterAll(async () => {
  mgmt?.destroy();
  dev?.destroy();
  await handle?.stop();
});

/** The example with the administrator role's session length changed to `seconds`. */
function variant(seconds: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "orgctl-lock-"));
  cpSync(EXAMPLE, dir, { recursive: true });
  const roles = path.join(dir, "roles.yaml");
  writeFileSync(roles, readFileSync(roles, "utf8").replace("maxSessionDuration: 43200", `maxSessionDuration: ${seconds}`));
  // Still the example's desired state (another revision of it): the same owner.
  const main = path.join(dir, "orgctl.yaml");
  writeFileSync(main, readFileSync(main, "utf8").replace("settings: { prune: true, region: eu-west-1 }", `settings: { prune: true, region: eu-west-1, owner: "${resolveOwner(EXAMPLE, undefined)}" }`));
  return dir;
}

const holdLock = (run: string, expires: Date) =>
  mgmt.send(
    new CreatePolicyCommand({
      PolicyName: "orgctl-apply-lock",
      Path: "/orgctl/",
      PolicyDocument: DOC,
      Tags: [
        { Key: "orgctl:lock-holder", Value: "alice@laptop" },
        { Key: "orgctl:lock-run", Value: run },
        { Key: "orgctl:lock-expires", Value: expires.toISOString() },
      ],
    }),
  );

describe("the apply lock", () => {
  it("a held lock refuses apply with the holder and expiry, and unlock breaks it only by run id", async () => {
    const expires = new Date(Date.now() + 10 * 60_000);
    await holdLock("run-1", expires);
    const audit = auditFile();
    const refused = await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", audit);
    expect(refused.stderr).toContain(`Error: another apply holds the lock: alice@laptop (run run-1) until ${expires.toISOString()}; wait for it, or if that run is dead: orgctl unlock run-1\n`);
    expect(refused.code).toBe(1);
    expect(readAudit(audit)).toEqual([]);
    await expect(dev.send(new GetRoleCommand({ RoleName: "administrator" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });

    const shown = await orgctl(handle, "unlock", "--path", EXAMPLE);
    expect(shown.stdout).toBe(`The apply lock is held by alice@laptop (run run-1) until ${expires.toISOString()}.\nTo break it: orgctl unlock run-1\n`);
    expect(shown.code).toBe(0);
    const wrong = await orgctl(handle, "unlock", "run-2", "--path", EXAMPLE);
    expect(wrong.stderr).toBe(`Error: the lock is held by alice@laptop (run run-1) until ${expires.toISOString()}, not by run run-2: nothing was changed\n`);
    expect(wrong.code).toBe(1);
    const broken = await orgctl(handle, "unlock", "run-1", "--path", EXAMPLE);
    expect(broken.stdout).toBe(`Broke the apply lock held by alice@laptop (run run-1) until ${expires.toISOString()}.\n`);

    const applied = await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile());
    expect(applied.code).toBe(0);
    // Released when the apply ends.
    await expect(mgmt.send(new GetPolicyCommand({ PolicyArn: LOCK_ARN }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
    expect((await orgctl(handle, "unlock", "--path", EXAMPLE)).stdout).toBe("No apply holds the lock.\n");
  });

  it("an expired lock (its run died) is taken over", async () => {
    await holdLock("dead-run", new Date(Date.now() - 60_000));
    const result = await orgctl(handle, "apply", variant(3600), "--auto-approve", "--audit-log", auditFile());
    expect(result.code).toBe(0);
    expect((await dev.send(new GetRoleCommand({ RoleName: "administrator" }))).Role?.MaxSessionDuration).toBe(3600);
    await expect(mgmt.send(new GetPolicyCommand({ PolicyArn: LOCK_ARN }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });

  it("two saved plans made from the same live state: one applies whole, the other is refused whole", async () => {
    const [a, b] = [variant(7200), variant(14400)];
    const planA = path.join(a, "plan.json");
    const planB = path.join(b, "plan.json");
    expect((await orgctl(handle, "plan", a, "--out", planA)).code).toBe(2);
    expect((await orgctl(handle, "plan", b, "--out", planB)).code).toBe(2);
    const [ra, rb] = await Promise.all([orgctl(handle, "apply", planA, a, "--audit-log", auditFile()), orgctl(handle, "apply", planB, b, "--audit-log", auditFile())]);
    expect([ra.code, rb.code].sort()).toEqual([0, 1]);
    const loser = ra.code === 1 ? ra : rb;
    expect(loser.stderr).toMatch(/^Error: (another apply holds the lock: .* \(run [0-9a-f-]{36}\) until .*|the plan no longer matches the YAML and live state: development\/iam\/role\/administrator changed since the plan was made; run plan again)$/m);
    const winner = ra.code === 0 ? 7200 : 14400;
    for (const id of [DEV, "321098765432"]) {
      const iam = await clientIn(handle, "iam", id);
      expect((await iam.send(new GetRoleCommand({ RoleName: "administrator" }))).Role?.MaxSessionDuration).toBe(winner);
      iam.destroy();
    }
  });
});
