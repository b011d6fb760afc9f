import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import { renderJson } from "../src/render/json.js";
import { renderMarkdown } from "../src/render/markdown.js";
import { renderText } from "../src/render/text.js";
import { desired, live, liveAccount, liveRole, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole" };
const mfa = { accounts: ["management"], roles: [], services: [], requireMfa: true };

/** The lines printed under one change, without the "      " margin. */
function section(text: string, address: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.includes(` ${address} (`));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith("      "));
  return lines.slice(start + 1, end).map((l) => l.slice(6));
}

describe("resources shown for people", () => {
  it("a create lists attributes compactly, policies as written, empty fields left out", () => {
    const plan = buildPlan(desired({ roles: [role("admin", ["dev"], { trust: mfa, managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"] })] }), live(), opts);
    expect(section(renderText(plan, { color: false }), "dev/iam/role/admin")).toEqual([
      '+ name               = "admin"',
      '+ path               = "/"',
      "+ assumeRolePolicy   = {",
      '+   "Version": "2012-10-17",',
      '+   "Statement": [',
      "+     {",
      '+       "Effect": "Allow",',
      '+       "Principal": {"AWS": "arn:aws:iam::111111111111:root"},',
      '+       "Action": "sts:AssumeRole",',
      '+       "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}',
      "+     }",
      "+   ]",
      "+ }",
      '+ managedPolicies    = ["arn:aws:iam::aws:policy/AdministratorAccess"]',
      "+ maxSessionDuration = 3600",
      '+ tags               = {"orgctl:managed": "github.com/acme/infra:org"}',
    ]);
  });

  it("an update shows only what changes: one-line values as old -> new, tags one by one, policies as a line diff", () => {
    const spec = role("ops", ["dev"], {
      maxSessionDuration: 7200,
      tags: { team: "platform" },
      trust: { accounts: ["management", "dev"], roles: [], services: [], requireMfa: false },
    });
    const plan = buildPlan(desired({ roles: [spec] }), live({ dev: liveAccount("222222222222", [liveRole("ops")]) }), opts);
    expect(section(renderText(plan, { color: false }), "dev/iam/role/ops")).toEqual([
      "trust policy",
      "maxSessionDuration",
      "tags",
      "~ assumeRolePolicy",
      "        {",
      '          "Effect": "Allow",',
      '-         "Principal": {"AWS": "arn:aws:iam::111111111111:root"},',
      '+         "Principal": {',
      '+           "AWS": [',
      '+             "arn:aws:iam::111111111111:root",',
      '+             "arn:aws:iam::222222222222:root"',
      "+           ]",
      "+         },",
      '          "Action": "sts:AssumeRole"',
      "        }",
      "~ maxSessionDuration = 3600 -> 7200",
      '+ tags.team          = "platform"',
    ]);
    const md = renderMarkdown(plan);
    expect(md).toContain("~ maxSessionDuration = 3600 -> 7200");
    expect(md).not.toContain('"description"');
  });

  it("--format json keeps the normalised documents", () => {
    const plan = buildPlan(desired({ roles: [role("admin", ["dev"], { trust: mfa })] }), live(), opts);
    const after = JSON.parse(renderJson(plan)).changes[0].after;
    expect(after.assumeRolePolicy.Statement[0].Action).toEqual(["sts:AssumeRole"]);
    expect(after.assumeRolePolicy.Statement[0].Condition).toEqual({ Bool: { "aws:MultiFactorAuthPresent": ["true"] } });
    expect(after.description).toBe("");
  });
});
