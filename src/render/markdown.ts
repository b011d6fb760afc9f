// Markdown for PR comments: summary table (accounts with identical counts share a row),
// destructive changes first, the same change in many accounts once (with a per-account
// list), then one collapsible section per account with diffs in fenced blocks.
import { reasonLines } from "./reasons.js";
import { summarize } from "../engine/plan.js";
import type { Change, Plan } from "../engine/types.js";
import { groupByAccount, orderAccounts } from "./account-order.js";
import { changeLines } from "./change-lines.js";
import { groupIdentical, label, sharedHeading, sharedWhere, type SharedChange } from "./change-groups.js";
import { redactChange } from "./redact.js";
import { scopeNote } from "./scope-note.js";
import { problemsText, summaryLine } from "./summary.js";
import { ACTIONS, SYMBOLS } from "./symbols.js";

export function renderMarkdown(plan: Plan): string {
  const summary = summarize(plan);
  const live = plan.changes.filter((c) => c.action !== "noop");
  const changes = live.map(redactChange);
  // Grouped before redaction: two different sensitive contents never read as one change.
  const groups = groupIdentical(live);
  const shared = groups.shared.map((g) => ({ ...g, changes: g.changes.map(redactChange) }));
  const single = groups.single.map(redactChange);
  // Reviewers read the top first and a long plan's end last: the totals go in both places.
  const totals = [`**${summaryLine(summary)}**`, ...problemsText(summary)].join(" ");
  const out: string[] = ["## orgctl plan", "", totals, ""];
  const scoped = scopeNote(plan);
  if (scoped) out.push(`> ${scoped}`, "");

  const accounts = orderAccounts(plan, Object.keys(summary.byAccount));
  if (accounts.length === 0) out.push("No changes.", "");
  else {
    // "stop" is rare (a rollout of another version in the way): its column shows only when used.
    const columns = ACTIONS.filter((a) => a !== "stop" || summary.totals.stop);
    out.push(`| Account | ${columns.join(" | ")} |`, `|---|${columns.map(() => "---:").join("|")}|`);
    const counts = (a: string) => columns.map((action) => summary.byAccount[a]?.[action] ?? 0).join(" | ");
    const rows = tableRows(accounts, counts);
    out.push(...rows, "");
    if (rows.length < accounts.length) {
      // The grouped rows hide who is in them: every account's own row is one click away.
      out.push(`<details><summary>Counts per account (${accounts.length})</summary>`, "");
      out.push(`| Account | ${columns.join(" | ")} |`, `|---|${columns.map(() => "---:").join("|")}|`);
      for (const a of accounts) out.push(`| ${inline(a)} | ${counts(a)} |`);
      out.push("", "</details>", "");
    }
  }

  const destructive = changes.filter((c) => c.destructive);
  if (destructive.length > 0) {
    out.push(`### ⚠️ Destructive changes (${destructive.length})`, "");
    for (const g of shared.filter((g) => g.changes[0]!.destructive)) out.push(`- **${g.changes[0]!.action}** ${inline(`${label(g.resource)} ${sharedWhere(g)}`)}`);
    for (const c of single.filter((c) => c.destructive)) out.push(`- **${c.action}** ${code(c.address)}${c.reasons.length ? `: ${inline(reasonLines(c.reasons).join("; "))}` : ""}`);
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

  if (shared.length > 0) {
    out.push(`### Same change in several accounts (${shared.length})`, "");
    for (const g of shared) out.push(...renderShared(g));
  }
  for (const [account, group] of groupByAccount(plan, single)) {
    out.push(`<details><summary>${html(account)} — ${group.length} change(s)</summary>`, "");
    for (const change of group) out.push(...renderChange(change));
    out.push("</details>", "");
  }
  if (changes.length > 0) out.push(totals, "");
  return out.join("\n");
}

/** Accounts with the same counts share one row once there are enough of them to matter. */
const TABLE_GROUP_MIN = 10;

function tableRows(accounts: string[], counts: (account: string) => string): string[] {
  const byCounts = new Map<string, string[]>();
  for (const a of accounts) byCounts.set(counts(a), [...(byCounts.get(counts(a)) ?? []), a]);
  const rows: string[] = [];
  // In reading order; a folded row stands where its first account would.
  for (const a of accounts) {
    const names = byCounts.get(counts(a))!;
    if (names.length < TABLE_GROUP_MIN) rows.push(`| ${inline(a)} | ${counts(a)} |`);
    else if (names[0] === a) rows.push(`| ${inline(names.slice(0, 3).join(", "))}, … (${names.length} accounts) | ${counts(a)} |`);
  }
  return rows;
}

/** One change shown once for every account it applies to, with the per-account list folded. */
function renderShared(group: SharedChange): string[] {
  const first = group.changes[0]!;
  const heading = `#### ${SYMBOLS[first.action]} ${first.action} ${code(group.resource)} in ${group.changes.length} accounts${first.destructive ? " (destructive)" : ""}`;
  return [
    `<details><summary>${html(sharedHeading(group))}</summary>`,
    "",
    ...renderChange(first, heading),
    `<details><summary>Per account (${group.changes.length})</summary>`,
    "",
    ...group.changes.map((c) => `- ${code(c.address)}${c.accountId ? ` (${c.accountId})` : ""}`),
    "",
    "</details>",
    "</details>",
    "",
  ];
}

function renderChange(change: Change, title?: string): string[] {
  const lines = [title ?? `#### ${SYMBOLS[change.action]} ${change.action} ${code(change.address)}${change.destructive ? " (destructive)" : ""}`, ""];
  for (const note of reasonLines(change.reasons)) lines.push(`- ${inline(note)}`);
  if (change.reasons.length > 0) lines.push("");
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
