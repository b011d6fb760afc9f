import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import { parsePlan, serializePlan } from "../src/engine/plan-file.js";
import { renderJson } from "../src/render/json.js";
import { desired, live, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const roles = Array.from({ length: 40 }, (_, i) => role(`role-${i}`, ["dev"], { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }));
const plan = buildPlan(desired({ roles }), live(), opts);

describe("plan file layout at scale", () => {
  it("reads back as the same plan", () => {
    expect(parsePlan(serializePlan(plan))).toEqual(JSON.parse(JSON.stringify(plan)));
    expect(JSON.parse(renderJson(plan))).toEqual(JSON.parse(JSON.stringify(plan)));
  });

  it("holds one change per line, about half the size of indenting every change", () => {
    const text = serializePlan(plan);
    const lines = text.split("\n");
    expect(plan.changes).toHaveLength(40);
    const last = plan.changes.at(-1);
    for (const change of plan.changes) expect(lines).toContain(`    ${JSON.stringify(change)}${change === last ? "" : ","}`);
    expect(text.length).toBeLessThan(0.6 * (JSON.stringify(plan, null, 2).length + 1));
  });
});
