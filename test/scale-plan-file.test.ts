import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import { parseChangePerLine, parsePlan, parsePlanJson, serializePlan } from "../src/engine/plan-file.js";
import { renderJson } from "../src/render/json.js";
import { claimedOf } from "../src/engine/claimed.js";
import { desired, live, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const roles = Array.from({ length: 40 }, (_, i) => role(`role-${i}`, ["dev"], { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }));
const plan = buildPlan(desired({ roles }), live(), opts);
/** The plan as its file holds it: plus the list of changes plan wrote (engine/claimed.ts). */
const filed = JSON.parse(JSON.stringify({ ...plan, claimed: claimedOf(plan.changes) }));

describe("plan file layout at scale", () => {
  it("reads back as the same plan", () => {
    expect(parsePlan(serializePlan(plan))).toEqual(filed);
    expect(JSON.parse(renderJson(plan))).toEqual(filed);
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

describe("reading a plan file a change per line", () => {
  const same = filed;
  const text = serializePlan(plan);

  it("gives what JSON.parse gives, for the layout plan writes and for any other", () => {
    expect(parsePlanJson(text)).toEqual({ value: same });
    expect(parsePlanJson(JSON.stringify(same, null, 2))).toEqual({ value: same });
    expect(parsePlanJson(JSON.stringify(same))).toEqual({ value: same });
    // Two elements on one line, or a line split in two: not the layout, still the same plan.
    const joined = text.replace(/,\n {4}\{/, ", {");
    expect(joined).not.toBe(text);
    expect(parsePlanJson(joined)).toEqual({ value: same });
  });

  it("reads the file plan writes a line at a time, its claimed count (a nested \"changes\") included", () => {
    expect(text).toContain('"claimed": {\n    "changes": 40,');
    expect(parseChangePerLine(text)).toEqual({ value: same });
    // Not the layout: left to the whole-file parse.
    expect(parseChangePerLine(JSON.stringify(same))).toBeUndefined();
  });

  it("lets a later duplicate \"changes\" key win, as JSON.parse does", () => {
    const doubled = text.replace(/\n}\n$/, ',\n  "changes": []\n}\n');
    expect(parsePlanJson(doubled)).toEqual({ value: { ...same, changes: [] } });
    expect(parseChangePerLine(doubled)).toBeUndefined();
    // An earlier duplicate loses to the list, in JSON.parse as here.
    const before = text.replace('\n  "changes": [\n', '\n  "changes": 0,\n  "changes": [\n');
    expect(parseChangePerLine(before)).toEqual({ value: same });
  });

  it("reports a broken change line at its line and column in the file, quoting nothing", () => {
    const lines = text.split("\n");
    // The third change: its line number in the file counts from 1.
    const at = lines.indexOf('  "changes": [') + 3;
    lines[at] = lines[at]!.replace('"action":', '"action"');
    const result = parsePlanJson(lines.join("\n"));
    expect(result).toEqual({ problem: `is not valid JSON (line ${at + 1}, column ${lines[at]!.indexOf('"action"') + 9})` });
  });
});
