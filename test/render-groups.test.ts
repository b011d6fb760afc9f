// The same change in many accounts is shown once, with the accounts named and a
// per-account list, in the PR Markdown and in the terminal; the summary table folds
// accounts with identical counts, keeping every account's row one click away.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../src/engine/plan.js";
import { renderMarkdown } from "../src/render/markdown.js";
import { renderText } from "../src/render/text.js";
import { MANAGED, account, desired, live, liveAccount, liveRole, loc, role } from "./fixtures/engine-factory.js";
import { KINDS } from "../src/kinds/registry.js";

const opts = { kinds: KINDS, paths: ["orgctl.yaml"], accessRole: "OrganizationAccountAccessRole", prune: true };
const devs = Array.from({ length: 14 }, (_, i) => `dev-${i + 1}`);
/** The plan's reading order: by key. */
const ordered = [...devs].sort();
const id = (i: number) => String(200000000000 + i);

/** cicd-deployer created in 14 accounts; a managed role "legacy" deleted in 3 of them; "special" in one. */
function fanOut() {
  const state = desired({
    organization: { managementAccount: "111111111111", accessRole: "OrganizationAccountAccessRole", units: [], loc },
    accounts: [account("management", "111111111111"), ...devs.map((d, i) => account(d, id(i)))],
    roles: [role("cicd-deployer", devs), role("special", ["dev-1"])],
  });
  const managed = { tags: MANAGED };
  const liveState = live(Object.fromEntries(devs.map((d, i) => [d, liveAccount(id(i), i < 3 ? [liveRole("legacy", managed)] : [])])));
  return buildPlan(state, liveState, opts);
}

describe("identical changes across accounts", () => {
  it("markdown: one section per shared change, destructive ones listed first as a group, every account in the per-account list", () => {
    const md = renderMarkdown(fanOut());
    expect(md).toContain("### Same change in several accounts (2)");
    expect(md).toContain("<details><summary>+ role cicd-deployer (create) in 14 accounts: dev-1, dev-10, dev-11, dev-12, dev-13, …</summary>");
    expect(md).toContain("#### + create `iam/role/cicd-deployer` in 14 accounts");
    expect(md).toContain("<details><summary>Per account (14)</summary>");
    for (const [i, d] of devs.entries()) expect(md).toContain(`- \`${d}/iam/role/cicd-deployer\` (${id(i)})`);
    // The diff is shown once, not twelve times.
    expect(md.split("cicd-deployer").length - 1).toBeLessThan(20);
    expect(md).toContain("### ⚠️ Destructive changes (3)\n\n- **delete** role legacy in 3 accounts: dev-1, dev-2, dev-3\n");
    // A change in one account stays in that account's section.
    expect(md).toContain("<details><summary>dev-1 — 1 change(s)</summary>");
    expect(md).toContain("#### + create `dev-1/iam/role/special`");
    // Twelve accounts with the same counts share a row; each row is kept in the expansion.
    const table = md.slice(md.indexOf("| Account |"), md.indexOf("\n\n", md.indexOf("| Account |")));
    expect(table.split("\n").slice(2)).toEqual([
      "| dev-1 | 2 | 0 | 0 | 1 | 0 | 0 |",
      "| dev-10, dev-11, dev-12, … (11 accounts) | 1 | 0 | 0 | 0 | 0 | 0 |",
      "| dev-2 | 1 | 0 | 0 | 1 | 0 | 0 |",
      "| dev-3 | 1 | 0 | 0 | 1 | 0 | 0 |",
    ]);
    expect(md).toContain("<details><summary>Counts per account (14)</summary>");
    for (const d of devs) expect(md).toMatch(new RegExp(`^\\| ${d} \\| \\d`, "m"));
  });

  it("text: the shared change once, with every account named", () => {
    const text = renderText(fanOut(), { color: false });
    expect(text).toContain("Same change in several accounts:\n  + role cicd-deployer (create) in 14 accounts: dev-1, dev-10, dev-11, dev-12, dev-13, …\n");
    expect(text).toContain(`      accounts: ${ordered.map((d) => `${d} (${id(devs.indexOf(d))})`).join(", ")}`);
    expect(text).toContain("  - role legacy (delete) in 3 accounts: dev-1, dev-2, dev-3 [destructive]");
    expect(text).toContain("Account dev-1 (200000000000)\n  + dev-1/iam/role/special (create)");
    expect(text).not.toContain("dev-7/iam/role/cicd-deployer");
  });
});
