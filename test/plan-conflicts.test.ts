// A live role orgctl does not manage, with the name the YAML wants, is never taken over
// silently: the plan reports a conflict and exits 1 until the YAML says `adopt: true`.
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { orgctl, planJson, withExample } from "./helpers/example-sandbox.js";

const EXAMPLE = "examples/4-multi-account-landing";
const DEV = "210987654321";
const handMadeTrust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" }] };

describe("an unmanaged role in the way", () => {
  const sandbox = withExample(EXAMPLE, (snapshot) => {
    snapshot.iam = { accounts: { ...snapshot.iam?.accounts, [DEV]: { roles: [{ RoleName: "administrator", AssumeRolePolicyDocument: handMadeTrust }] } } };
  });

  it("is a conflict: exit 1, no change planned for it, the other changes still listed", async () => {
    const { code, plan } = await planJson(sandbox.emulator(), EXAMPLE);
    expect(code).toBe(1);
    expect(plan.conflicts.map((c) => c.address)).toEqual(["development/iam/role/administrator"]);
    expect(plan.changes.filter((c) => c.address === "development/iam/role/administrator")).toEqual([]);
    expect(plan.changes.some((c) => c.address === "production/iam/role/administrator" && c.action === "create")).toBe(true);

    const text = await orgctl(sandbox.emulator(), "plan", EXAMPLE);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("development/iam/role/administrator");
  });

  it("makes apply refuse the whole plan, so nothing is applied", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "orgctl-conflict-"));
    const result = await orgctl(sandbox.emulator(), "apply", EXAMPLE, "--auto-approve", "--audit-log", path.join(dir, "audit.jsonl"));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("conflict: development/iam/role/administrator");
    expect(result.stderr).toContain("nothing was applied");
    const after = await planJson(sandbox.emulator(), EXAMPLE);
    expect(after.plan.changes.some((c) => c.address === "production/iam/role/administrator" && c.action === "create")).toBe(true);
  });

  it("is adopted once the YAML says adopt: true", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "orgctl-adopt-"));
    await cp(EXAMPLE, dir, { recursive: true });
    const roles = path.join(dir, "roles.yaml");
    const yaml = await readFile(roles, "utf8");
    await writeFile(roles, yaml.replace("  - name: administrator\n", "  - name: administrator\n    adopt: true\n"));

    const { code, plan } = await planJson(sandbox.emulator(), dir);
    expect(code).toBe(2);
    expect(plan.conflicts).toEqual([]);
    const adopt = plan.changes.find((c) => c.address === "development/iam/role/administrator");
    expect(adopt?.action).toBe("adopt");
  });
});

describe("a misspelt AWS managed policy", () => {
  const sandbox = withExample(EXAMPLE);

  it("is a conflict at plan time, naming the policy, instead of a failed attach at apply time", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "orgctl-policy-"));
    await cp(EXAMPLE, dir, { recursive: true });
    const roles = path.join(dir, "roles.yaml");
    await writeFile(roles, (await readFile(roles, "utf8")).replace("managedPolicies: [ReadOnlyAccess]", "managedPolicies: [ReadOnlyAcess]"));

    const { code, plan } = await planJson(sandbox.emulator(), dir);
    expect(code).toBe(1);
    expect(plan.conflicts).toEqual([
      { address: "development/iam/role/read-only", message: "managed policy arn:aws:iam::aws:policy/ReadOnlyAcess does not exist in IAM" },
      { address: "production/iam/role/read-only", message: "managed policy arn:aws:iam::aws:policy/ReadOnlyAcess does not exist in IAM" },
    ]);
    // One GetPolicy per distinct policy the plan would attach, not one per account.
    expect(plan.apiCalls["iam:GetPolicy"]).toBe(2);
  });
});
