// Applying a saved full plan re-reads only what its changes touch: one retagged account in
// example 5 (56 accounts, every id in the YAML) is read by itself from Organizations
// (DescribeAccount, ListParents, its tags), never by listing every account.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ListTagsForResourceCommand } from "@aws-sdk/client-organizations";
import type { EmulatorHandle } from "../src/emulator/index.js";
import type { DesiredState } from "../src/model/types.js";
import { callsDuring, loadOrThrow, orgctl, seededEmulator } from "./helpers/scale.js";
import { clientIn } from "./helpers/example-sandbox.js";

const dir = mkdtempSync(join(tmpdir(), "orgctl-apply-scope-"));
let emulator: EmulatorHandle;
let desired: DesiredState;

beforeAll(async () => {
  cpSync(resolve("examples/5-cicd-fanout"), dir, { recursive: true });
  desired = await loadOrThrow(join(dir, "orgctl.yaml"));
  emulator = await seededEmulator(desired);
  expect((await orgctl(emulator, ["apply", dir, "--auto-approve", "--no-wait"])).code).toBe(0);
});
afterAll(async () => {
  await emulator?.stop();
});

describe("apply of one change from a saved full plan", () => {
  it("reads the one touched account by itself, and retags it", async () => {
    expect(desired.accounts.length).toBeGreaterThan(40);
    const file = join(dir, "accounts.yaml");
    const line = readFileSync(file, "utf8").split("\n").find((l) => l.startsWith("  search-staging:"))!;
    writeFileSync(file, readFileSync(file, "utf8").replace(line, line.replace("env: staging", "env: qa")));
    const planFile = join(dir, "one.json");
    expect((await orgctl(emulator, ["plan", dir, "--out", planFile, "--format", "json"])).code).toBe(2);

    const { result, count } = await callsDuring(emulator, () => orgctl(emulator, ["apply", planFile, "--auto-approve", "--no-wait"]));
    expect(result.code, result.stderr).toBe(0);
    const units = desired.organization!.units.length;
    // The re-read: the unit tree with its tags, then the account alone (DescribeAccount,
    // ListParents, its tags). The tag operation itself reads the account's parent and tags
    // again before writing (to be safe to retry): one more of each.
    expect({
      list: count("organizations:ListAccountsForParent"),
      describe: count("organizations:DescribeAccount"),
      parents: count("organizations:ListParents"),
      tags: count("organizations:ListTagsForResource"),
      tag: count("organizations:TagResource"),
      assume: count("sts:AssumeRole"),
    }).toEqual({ list: 0, describe: 1, parents: 2, tags: units + 2, tag: 1, assume: 0 });

    const id = desired.accounts.find((a) => a.key === "search-staging")!.id!;
    const org = await clientIn(emulator, "organizations", desired.organization!.managementAccount);
    const tags = (await org.send(new ListTagsForResourceCommand({ ResourceId: id }))).Tags ?? [];
    expect(tags.find((t) => t.Key === "env")?.Value).toBe("qa");
  });
});
