import { describe, expect, it } from "vitest";
import { parsePlan, serializePlan } from "../src/engine/plan-file.js";
import { renderJson } from "../src/render/json.js";
import { renderMarkdown } from "../src/render/markdown.js";
import { renderText } from "../src/render/text.js";
import { FENCED, samplePlan } from "./fixtures/render-plan.js";

const plan = samplePlan();

describe("renderers", () => {
  it("text: symbols, policy line diff, conflicts, account errors, summary; no colour codes when color is off", () => {
    const text = renderText(plan, { color: false });
    expect(text).not.toMatch(/\x1b\[/);
    expect(text).toContain("Account dev (222222222222)");
    expect(text).toContain("  ~ dev/iam/role/ops (update)");
    expect(text).toContain("  - dev/iam/role/old (delete) [destructive]");
    expect(text).toContain("  » dev/appconfig/deployment/eu-west-1/ListServices/development/Main (deploy)");
    expect(text).toMatch(/^ +- +"Action": "s3:GetObject",$/m);
    expect(text).toMatch(/^ +\+ +"Action": \["s3:GetObject", "s3:PutObject"\],$/m);
    expect(text).toContain("! dev/iam/role/OrganizationAccountAccessRole: refused: would lock orgctl out");
    // "broken" is also missing from the organization: one entry, the cause first.
    expect(text).toContain("x broken (333333333333): account 333333333333 is not a member of the organization; cannot assume");
    expect(text).toContain("Plan: 6 to create, 1 to update, 1 to delete, 2 to deploy.");
    expect(text).toContain("  dev: 6 to create, 1 to update, 1 to delete, 2 to deploy");
  });

  it("text: colours only when asked", () => {
    expect(renderText(plan, { color: true })).toMatch(/\x1b\[32m\+/);
  });

  it("sensitive content is absent from every output and from the saved plan file", () => {
    const secret = "hunter2-very-secret";
    for (const out of [renderText(plan, { color: false }), renderText(plan, { color: true }), renderMarkdown(plan), renderJson(plan)]) {
      expect(out).not.toContain(secret);
      expect(out).toContain("(sensitive)");
    }
    const saved = parsePlan(serializePlan(plan));
    const version = saved.changes.find((c) => c.address.endsWith("/Main/v2"));
    expect((version?.after as { content: string }).content).toBe("(sensitive)");
    expect(serializePlan(plan)).not.toContain(secret);
    expect(version?.sensitive).toBe(true);
  });

  it("renderJson is the plan, parseable, with sensitive content redacted", () => {
    const parsed = JSON.parse(renderJson(plan));
    expect(parsed.changes).toHaveLength(plan.changes.length);
    expect(parsed.liveFingerprint).toBe(plan.liveFingerprint);
    const version = parsed.changes.find((c: { address: string }) => c.address.endsWith("/Main/v2"));
    expect(version.after.content).toBe("(sensitive)");
    expect(JSON.stringify(version.patch)).not.toContain("hunter2");
  });

  it("markdown: summary table, destructive changes before the per-account details", () => {
    const md = renderMarkdown(plan);
    expect(md).toContain("| dev | 6 | 1 | 0 | 1 | 2 | 0 |");
    const destructive = md.indexOf("### ⚠️ Destructive changes (1)");
    expect(destructive).toBeGreaterThan(0);
    expect(md.indexOf("- **delete** `dev/iam/role/old`")).toBeGreaterThan(destructive);
    expect(destructive).toBeLessThan(md.indexOf("<details>"));
    expect(md).toContain("<details><summary>dev — 10 change(s)</summary>");
    expect(md.match(/<details>/g)).toHaveLength(md.match(/<\/details>/g)?.length ?? -1);
  });

  it("markdown: the summary line comes right under the title, before the table, and again at the end", () => {
    const md = renderMarkdown(plan);
    const line = "**Plan: 6 to create, 1 to update, 1 to delete, 2 to deploy.** 1 conflict(s). 1 account(s) could not be read.";
    expect(md.startsWith(`## orgctl plan\n\n${line}\n\n| Account |`)).toBe(true);
    expect(md.trimEnd().endsWith(`</details>\n\n${line}`)).toBe(true);
  });

  it("markdown: content holding backtick runs never closes its fence early", () => {
    const md = renderMarkdown(plan);
    expect(JSON.stringify(FENCED)).toContain("````");
    // Walk the document as a CommonMark reader would: a fence closes only with a run of
    // at least its own length; every opened fence must close, and text outside fences
    // must not contain the fenced content.
    let open: string | null = null;
    const outside: string[] = [];
    for (const line of md.split("\n")) {
      const m = line.match(/^(`{3,})(\w*)$/);
      if (open === null && m) open = m[1]!;
      else if (open !== null && m && m[1]!.length >= open.length && m[2] === "") open = null;
      else if (open === null) outside.push(line);
    }
    expect(open).toBeNull();
    expect(outside.join("\n")).not.toContain("not a fence end");
    expect(md).toContain("`````diff");
  });

  it("no changes renders as such", () => {
    const empty = { ...plan, changes: [], conflicts: [], errors: [] };
    expect(renderText(empty, { color: false })).toContain("Plan: no changes.");
    expect(renderMarkdown(empty)).toContain("No changes.");
  });
});
