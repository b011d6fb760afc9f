// Ownership names its owner: two desired states managing the same account each prune
// only their own resources, taking over another's is an explicit adopt, and what an
// orgctl without owners tagged orgctl:managed=true is claimed by the first that declares it.
import { describe, expect, it } from "vitest";
import { normalizeRemote, resolveOwner } from "../src/config/owner.js";
import { buildPlan } from "../src/engine/plan.js";
import type { Plan } from "../src/engine/types.js";
import { LEGACY_MANAGED, MANAGED, OWNER, desired, live, liveAccount, liveRole, role } from "./fixtures/engine-factory.js";
import { words } from "./fixtures/reasons.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const OTHER = { "orgctl:managed": "github.com/acme/other:org" };
const lines = (plan: Plan) => plan.changes.map((c) => `${c.action} ${c.address}: ${words(c)!.join("; ")}`);

describe("ownership", () => {
  it("a legacy orgctl:managed=true role the YAML declares is claimed by an update that says so", () => {
    const plan = buildPlan(desired({ roles: [role("r", ["dev"])] }), live({ dev: liveAccount("222222222222", [liveRole("r", { tags: LEGACY_MANAGED })]) }), opts);
    expect(lines(plan)).toEqual(["update dev/iam/role/r: claim: tagged orgctl:managed=true by an orgctl without owners; this desired state becomes its owner; tags"]);
    expect(plan.changes[0]?.patch).toEqual([{ op: "replace", path: "/tags/orgctl:managed", value: OWNER }]);
  });

  it("another owner's role is a conflict, and with adopt: true a take-over the plan names", () => {
    const theirs = live({ dev: liveAccount("222222222222", [liveRole("r", { tags: OTHER })]) });
    const refused = buildPlan(desired({ roles: [role("r", ["dev"])] }), theirs, opts);
    expect(lines(refused)).toEqual([]);
    expect(refused.conflicts).toEqual([{ address: "dev/iam/role/r", message: "role r exists and is managed by another desired state (github.com/acme/other:org); set adopt: true to take it over" }]);
    const adopted = buildPlan(desired({ roles: [role("r", ["dev"], { adopt: true })] }), theirs, opts);
    expect(lines(adopted)).toEqual(["adopt dev/iam/role/r: take over from github.com/acme/other:org; tags"]);
  });

  it("a role owned by a desired state with no repository (local:…) is claimed by the one that declares it, and pruned by no other", () => {
    const local = { "orgctl:managed": "local:/home/ana/infra" };
    const claimed = buildPlan(desired({ roles: [role("r", ["dev"])] }), live({ dev: liveAccount("222222222222", [liveRole("r", { tags: local })]) }), opts);
    expect(lines(claimed)).toEqual(["update dev/iam/role/r: claim: owned by local:/home/ana/infra, which names no repository; this desired state becomes its owner; tags"]);
    const pruning = buildPlan(
      desired({ roles: [], settings: { prune: true, region: "eu-west-1", owner: OWNER } }),
      live({ dev: liveAccount("222222222222", [liveRole("r", { tags: local })]) }),
      opts,
    );
    expect(lines(pruning)).toEqual([]);
  });

  it("prune deletes only this owner's leftovers; a legacy one is shown, another owner's is not seen", () => {
    const plan = buildPlan(
      desired({ roles: [], settings: { prune: true, region: "eu-west-1", owner: OWNER } }),
      live({ dev: liveAccount("222222222222", [liveRole("mine", { tags: MANAGED }), liveRole("legacy", { tags: LEGACY_MANAGED }), liveRole("theirs", { tags: OTHER })]) }),
      opts,
    );
    expect(lines(plan)).toEqual([
      "noop dev/iam/role/legacy: orphan: tagged orgctl:managed=true by an orgctl without owners, so not pruned; declare it to claim it, or delete it by hand",
      "delete dev/iam/role/mine: ",
    ]);
  });
});

describe("the owner's name", () => {
  it.each([
    ["https://x-access-token:ghs_secret@github.com/Acme/infra.git", "github.com/Acme/infra"],
    ["git@github.com:Acme/infra.git", "github.com/Acme/infra"],
    ["ssh://git@GitHub.com:22/Acme/infra", "github.com/Acme/infra"],
    ["https://github.com/Acme/infra/", "github.com/Acme/infra"],
  ])("%s → %s (no credentials, SSH and HTTPS alike)", (remote, expected) => {
    expect(normalizeRemote(remote)).toBe(expected);
  });

  it("settings.owner wins over the repository", () => {
    expect(resolveOwner(".", "team-a")).toBe("team-a");
  });
});
