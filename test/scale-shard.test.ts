import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EmulatorHandle } from "../src/emulator/index.js";
import type { Plan } from "../src/engine/types.js";
import { expandRoles } from "../src/model/targets.js";
import type { DesiredState } from "../src/model/types.js";
import { callsDuring, loadOrThrow, orgctl, seededEmulator } from "./helpers/scale.js";

// 56 accounts in nested units, roles selected by unit and tag, and a role in every
// workload account trusting the pipeline role of the cicd account (a cross-shard edge).
const EXAMPLE = "examples/5-cicd-fanout";
const SHARDS = 3;

let emulator: EmulatorHandle;
let desired: DesiredState;
const dir = mkdtempSync(join(tmpdir(), "orgctl-shard-"));
const readPlan = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8")) as Plan;

beforeAll(async () => {
  desired = await loadOrThrow(EXAMPLE);
  emulator = await seededEmulator(desired);
});
afterAll(async () => {
  await emulator?.stop();
});

describe("plan --shard i/n and plan merge", () => {
  it("splits the accounts into disjoint shards whose merged plan is the full plan", async () => {
    const full = await orgctl(emulator, ["plan", EXAMPLE, "--format", "json", "--out", join(dir, "full.json")]);
    expect(full.code).toBe(2);

    const idToKey = new Map(desired.accounts.map((a) => [a.id!, a.key]));
    const iamAccounts: Set<string>[] = [];
    for (let i = 1; i <= SHARDS; i++) {
      const { result, accounts } = await callsDuring(emulator, () =>
        orgctl(emulator, ["plan", EXAMPLE, "--shard", `${i}/${SHARDS}`, "--format", "json", "--out", join(dir, `shard-${i}.json`)]),
      );
      expect(result.code).toBe(2);
      expect(result.stdout).toContain(`"by": "shard ${i}/${SHARDS}"`);
      iamAccounts.push(new Set([...accounts("iam")].map((id) => idToKey.get(id) ?? id)));
      // Only shard 1 talks to Organizations (it plans units, placement and tags).
      expect(accounts("organizations").size).toBe(i === 1 ? 1 : 0);
    }

    const shards = [1, 2, 3].map((i) => readPlan(`shard-${i}.json`));
    const covered = shards.flatMap((p) => p.scope!.accounts);
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.sort()).toEqual(desired.accounts.map((a) => a.key).sort());
    // IAM is read only where a role is targeted (prune is off): the management account has none.
    const targeted = new Set(expandRoles(desired).map(({ account }) => account.key));
    expect(targeted.has("management")).toBe(false);
    shards.forEach((p, i) => expect(iamAccounts[i]).toEqual(new Set(p.scope!.accounts.filter((k) => targeted.has(k)))));
    expect(shards.every((p) => p.scope!.accounts.length > 5)).toBe(true);
    expect(shards.map((p) => p.scope!.organization)).toEqual([true, false, false]);
    expect(shards.slice(1).flatMap((p) => p.changes).filter((c) => c.service === "organizations")).toEqual([]);

    // Merge in a scrambled order: the result does not depend on it.
    const merged = await orgctl(emulator, ["plan", "merge", ...[3, 1, 2].map((i) => join(dir, `shard-${i}.json`)), "--out", join(dir, "merged.json")]);
    expect(merged.code).toBe(2);
    expect(merged.stdout).not.toContain("Scoped plan");
    const whole = readPlan("full.json");
    const combined = readPlan("merged.json");
    expect(combined.scope).toBeUndefined();
    expect(combined.desiredDigest).toBe(whole.desiredDigest);
    expect(combined.changes).toEqual(whole.changes);
    expect(combined.conflicts).toEqual(whole.conflicts);
    expect(combined.accounts).toEqual([...whole.accounts].sort((a, b) => (a.key < b.key ? -1 : 1)));
    // The cross-shard edge: a deployer role waits for the pipeline role it trusts.
    const deployer = combined.changes.find((c) => c.address === "payments-prod/iam/role/cicd-deployer")!;
    expect(deployer.dependsOn).toContain("cicd/iam/role/pipeline");
    expect(combined.changes.findIndex((c) => c === deployer)).toBeGreaterThan(combined.changes.findIndex((c) => c.address === "cicd/iam/role/pipeline"));
  });

  it("refuses to merge an incomplete or mixed set of plans", async () => {
    const missing = await orgctl(emulator, ["plan", "merge", join(dir, "shard-1.json"), join(dir, "shard-3.json")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("Error: missing shard(s) 2/3\n");

    const other = { ...readPlan("shard-2.json"), desiredDigest: "0".repeat(64) };
    writeFileSync(join(dir, "other.json"), JSON.stringify(other));
    const mixed = await orgctl(emulator, ["plan", "merge", join(dir, "shard-1.json"), join(dir, "other.json"), join(dir, "shard-3.json")]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/^Error: plans were made from different desired states/);

    const twice = await orgctl(emulator, ["plan", "merge", join(dir, "shard-1.json"), join(dir, "shard-1.json")]);
    expect(twice.code).toBe(1);

    const bad = await orgctl(emulator, ["plan", EXAMPLE, "--shard", "4/3"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Error: invalid shard "4/3"');
  });
});
