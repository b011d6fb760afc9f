// Terminal rendering of a plan: changes per account with line diffs, the same change in
// many accounts once (with every account named), then conflicts, account errors and a summary.
import { reasonLines } from "./reasons.js";
import { summarize } from "../engine/plan.js";
import type { Change, Plan } from "../engine/types.js";
import { groupByAccount, orderAccounts } from "./account-order.js";
import { changeLines, type DiffLine } from "./change-lines.js";
import { groupIdentical, sharedHeading } from "./change-groups.js";
import { redactChange } from "./redact.js";
import { scopeNote } from "./scope-note.js";
import { countsText, problemsText, summaryLine } from "./summary.js";
import { SYMBOLS } from "./symbols.js";

const CODES = { red: 31, green: 32, yellow: 33, cyan: 36, bold: 1, dim: 2 } as const;
type Style = keyof typeof CODES;

export function renderText(plan: Plan, opts: { color: boolean }): string {
  const paint = (style: Style, text: string) => (opts.color ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text);
  const out: string[] = [];
  const ids = new Map(plan.accounts.map((a) => [a.key, a.id]));

  const { shared } = groupIdentical(plan.changes.filter((c) => c.action !== "noop"));
  const grouped = new Set(shared.flatMap((g) => g.changes));
  for (const [account, changes] of groupByAccount(plan, plan.changes.filter((c) => !grouped.has(c)))) {
    const id = ids.get(account) ?? changes[0]?.accountId;
    out.push(paint("bold", `Account ${account}${id ? ` (${id})` : ""}`));
    for (const change of changes.map(redactChange)) out.push(...renderChange(change, paint));
    out.push("");
  }
  if (shared.length > 0) {
    out.push(paint("bold", "Same change in several accounts:"));
    for (const group of shared) {
      const first = redactChange(group.changes[0]!);
      // Each account's dependencies name its own resources: the diff alone is what they share.
      const [, ...details] = renderChange({ ...first, dependsOn: [] }, paint);
      const heading = `  ${paint(actionStyle(first), sharedHeading(group))}`;
      out.push(first.destructive ? `${heading} ${paint("red", "[destructive]")}` : heading, ...details);
      out.push(`      ${paint("dim", `accounts: ${group.changes.map((c) => `${c.account}${c.accountId ? ` (${c.accountId})` : ""}`).join(", ")}`)}`);
    }
    out.push("");
  }

  if (plan.conflicts.length > 0) {
    out.push(paint("bold", "Conflicts (no change planned):"));
    for (const c of plan.conflicts) out.push(`  ${paint("red", "!")} ${c.address}: ${c.message}`);
    out.push("");
  }
  if (plan.errors.length > 0) {
    out.push(paint("bold", "Accounts not read:"));
    for (const e of plan.errors) out.push(`  ${paint("red", "x")} ${e.account}${e.accountId ? ` (${e.accountId})` : ""}: ${e.message}`);
    out.push("");
  }
  out.push(...renderSummary(plan, paint));
  return out.join("\n") + "\n";
}

function renderChange(change: Change, paint: (s: Style, t: string) => string): string[] {
  const style = actionStyle(change);
  const heading = `  ${paint(style, SYMBOLS[change.action])} ${change.address} ${paint("dim", `(${change.action})`)}`;
  const lines = [change.destructive ? `${heading} ${paint("red", "[destructive]")}` : heading];
  for (const note of reasonLines(change.reasons)) lines.push(`      ${paint("dim", note)}`);
  for (const dep of change.dependsOn) lines.push(`      ${paint("dim", `after ${dep}`)}`);
  for (const line of changeLines(change)) lines.push(`      ${diffLine(line, paint)}`);
  return lines;
}

function diffLine(line: DiffLine, paint: (s: Style, t: string) => string): string {
  if (line.sign === "+") return paint("green", `+ ${line.text}`);
  if (line.sign === "-") return paint("red", `- ${line.text}`);
  if (line.sign === "~") return paint("yellow", `~ ${line.text}`);
  if (line.sign === "@") return paint("cyan", line.text);
  return `  ${line.text}`;
}

function actionStyle(change: Change): Style {
  if (change.action === "noop") return "dim";
  if (change.action === "create" || change.action === "adopt") return "green";
  if (change.action === "delete" || change.action === "replace") return "red";
  return "yellow";
}

function renderSummary(plan: Plan, paint: (s: Style, t: string) => string): string[] {
  const summary = summarize(plan);
  const lines = [paint("bold", summaryLine(summary))];
  const scoped = scopeNote(plan);
  if (scoped) lines.push(paint("yellow", scoped));
  for (const account of orderAccounts(plan, Object.keys(summary.byAccount))) {
    lines.push(`  ${account}: ${countsText(summary.byAccount[account] ?? {})}`);
  }
  return [...lines, ...problemsText(summary).map((p) => paint("red", p))];
}
