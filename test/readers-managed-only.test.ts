import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { EmulatorHandle } from "../src/emulator/index.js";
import { callsDuring, loadOrThrow, orgctl, seededEmulator } from "./helpers/scale.js";

// Reads follow what the desired state manages: example 5's 56 accounts, planned as an
// organization-only YAML (no roles, no AppConfig, prune off), with a role in one account,
// and with prune on. The emulator counts every call, per service and per account.
const dir = mkdtempSync(join(tmpdir(), "orgctl-managed-"));
let emulator: EmulatorHandle;
let members: number;

function write(body: string): void {
  const full = readFileSync(resolve("examples/5-cicd-fanout/orgctl.yaml"), "utf8");
  writeFileSync(join(dir, "orgctl.yaml"), full.slice(0, full.indexOf("roles:\n")) + body);
}

async function plan() {
  const start = emulator.world.calls.length;
  const run = await callsDuring(emulator, () => orgctl(emulator, ["plan", "--format", "json"], dir));
  const perService: Record<string, number> = {};
  for (const c of emulator.world.calls.slice(start)) perService[c.service] = (perService[c.service] ?? 0) + 1;
  return { ...run, perService };
}

beforeAll(async () => {
  cpSync(resolve("examples/5-cicd-fanout/accounts.yaml"), join(dir, "accounts.yaml"));
  write("");
  const desired = await loadOrThrow(join(dir, "orgctl.yaml"));
  members = desired.accounts.length - 1;
  emulator = await seededEmulator(desired);
});
afterAll(async () => {
  await emulator?.stop();
});

describe("reads driven by what the desired state manages", () => {
  it("an organization-only YAML makes no STS, IAM or AppConfig call beyond GetCallerIdentity", async () => {
    write("");
    const { result, count, accounts, perService } = await plan();
    expect(result.code).toBe(2); // the sandbox seed has no units yet
    expect(members).toBe(55);
    expect(count("sts:GetCallerIdentity")).toBe(1);
    expect(count("sts:AssumeRole")).toBe(0);
    expect(accounts("iam").size).toBe(0);
    expect(count("iam:GetAccountAuthorizationDetails") + count("iam:ListRoles") + count("iam:GetPolicy")).toBe(0);
    expect(accounts("appconfig").size).toBe(0);
    // Organizations: the walk (the seed has no units yet: the root's 56 accounts in 3 pages) and one tag read per account.
    expect(count("organizations:ListTagsForResource")).toBe(56);
    expect(perService).toEqual({ sts: 1, organizations: 63 });
    expect(accounts("organizations")).toEqual(new Set(["111111111111"]));
  });

  it("a role in one account: one AssumeRole and that account's IAM reads, nothing elsewhere", async () => {
    write(`roles:
  - name: pipeline
    in: { accounts: [cicd] }
    trust: { services: [codebuild.amazonaws.com] }
`);
    const { result, count, accounts, perService } = await plan();
    expect(result.code).toBe(2);
    expect(count("sts:AssumeRole")).toBe(1);
    expect(accounts("iam")).toEqual(new Set(["123450987612"]));
    expect(count("iam:GetAccountAuthorizationDetails")).toBe(1);
    expect(count("iam:ListRoles")).toBe(1);
    expect(accounts("appconfig").size).toBe(0);
    expect(perService).toEqual({ sts: 2, organizations: 63, iam: 2 });
  });

  it("with prune on, IAM is read in every account (a managed role anywhere could be deleted), AppConfig still nowhere", async () => {
    write("settings: { prune: true }\n");
    const { result, count, accounts, perService } = await plan();
    expect(result.code).toBe(2); // the sandbox seed has no units yet
    expect(count("sts:AssumeRole")).toBe(members);
    expect(accounts("iam").size).toBe(members + 1);
    expect(count("iam:GetAccountAuthorizationDetails")).toBe(members + 1);
    expect(accounts("appconfig").size).toBe(0);
    expect(perService).toEqual({ sts: 1 + members, organizations: 63, iam: 2 * (members + 1) });
  });
});
