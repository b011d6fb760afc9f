// Markdown for PR comments: summary table, destructive changes first, then one
// collapsible section per account with diffs in fenced blocks.
import { summarize } from "../engine/plan.js";
import type { Change, Plan } from "../engine/types.js";
import { groupByAccount, orderAccounts } from "./account-order.js";
import { changeLines } from "./change-lines.js";
import { redactChange } from "./redact.js";
import { scopeNote } from "./scope-note.js";
import { problemsText, summaryLine } from "./summary.js";
import { ACTIONS, SYMBOLS } from "./symbols.js";

export function renderMarkdown(plan: Plan): string {
  const summary = summarize(plan);
  const changes = plan.changes.filter((c) => c.action !== "noop").map(redactChange);
  // Reviewers read the top first and a long plan's end last: the totals go in both places.
  const totals = [`**${summaryLine(summary)}**`, ...problemsText(summary)].join(" ");
  const out: string[] = ["## orgctl plan", "", totals, ""];
  const scoped = scopeNote(plan);
  if (scoped) out.push(`> ${scoped}`, "");

  const accounts = orderAccounts(plan, Object.keys(summary.byAccount));
  if (accounts.length === 0) out.push("No changes.", "");
  else {
    out.push(`| Account | ${ACTIONS.join(" | ")} |`, `|---|${ACTIONS.map(() => "---:").join("|")}|`);
    for (const account of accounts) {
      const counts = summary.byAccount[account] ?? {};
      out.push(`| ${inline(account)} | ${ACTIONS.map((a) => counts[a] ?? 0).join(" | ")} |`);
    }
    out.push("");
  }

  const destructive = changes.filter((c) => c.destructive);
  if (destructive.length > 0) {
    out.push(`### ⚠️ Destructive changes (${destructive.length})`, "");
    for (const c of destructive) out.push(`- **${c.action}** ${code(c.address)}${c.notes.length ? `: ${inline(c.notes.join("; "))}` : ""}`);
    out.push("");
  }
  if (plan.conflicts.length > 0) {
    out.push(`### Conflicts (${plan.conflicts.length})`, "");
    for (const c of plan.conflicts) out.push(`- ${code(c.address)}: ${inline(c.message)}`);
    out.push("");
  }
  if (plan.errors.length > 0) {
    out.push(`### Accounts not read (${plan.errors.length})`, "");
    for (const e of plan.errors) out.push(`- ${code(e.account)}: ${inline(e.message)}`);
    out.push("");
  }

  for (const [account, group] of groupByAccount(plan, changes)) {
    out.push(`<details><summary>${html(account)} — ${group.length} change(s)</summary>`, "");
    for (const change of group) out.push(...renderChange(change));
    out.push("</details>", "");
  }
  if (changes.length > 0) out.push(totals, "");
  return out.join("\n");
}

function renderChange(change: Change): string[] {
  const lines = [`#### ${SYMBOLS[change.action]} ${change.action} ${code(change.address)}${change.destructive ? " (destructive)" : ""}`, ""];
  for (const note of change.notes) lines.push(`- ${inline(note)}`);
  if (change.notes.length > 0) lines.push("");
  const diff = changeLines(change).map((l) => (l.sign === "@" ? "@@ ... @@" : `${l.sign} ${l.text}`));
  if (diff.length > 0) {
    const fence = fenceFor(diff.join("\n"));
    lines.push(`${fence}diff`, ...diff, fence, "");
  }
  return lines;
}

/** A backtick fence longer than any backtick run in the content, so it cannot close early. */
export function fenceFor(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(Math.max(3, longest + 1));
}

function code(text: string): string {
  const fence = "`".repeat(Math.max(1, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function inline(text: string): string {
  return html(text).replace(/([\\`*_[\]|])/g, "\\$1");
}


function html(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
