// The drift issue: one open issue per configuration path, labelled and marked so a
// scheduled run finds it again. Opened when drift appears, edited only when the drift
// report changes (an identical report leaves it alone, so watchers are not notified for
// nothing), and closed with a comment once live state matches the YAML again.
import { markerSafe } from "./comment.js";
import type { Octokit, Repo } from "./github.js";

export const DRIFT_LABEL = "orgctl-drift";

export type DriftIssueOutcome = { action: "created" | "updated" | "unchanged" | "closed"; number: number } | { action: "none" };

export function driftMarker(path: string): string {
  return `<!-- orgctl-drift:${markerSafe(path)} -->`;
}

export function driftIssueBody(path: string, report: string): string {
  return [
    driftMarker(path),
    report.trimEnd(),
    "",
    `> Opened by the scheduled \`orgctl drift\` check for \`${path}\`: live AWS state differs from the YAML. ` +
      "This issue is updated when the drift changes and closed when it is gone; to resolve it, merge a change to the YAML or revert the change in AWS.",
  ].join("\n");
}

/** `body` undefined means no drift. */
export async function syncDriftIssue(octokit: Octokit, target: Repo, path: string, body: string | undefined, runUrl: string): Promise<DriftIssueOutcome> {
  const { owner, repo } = target;
  const marker = driftMarker(path);
  const open = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, labels: DRIFT_LABEL, state: "open", per_page: 100 });
  const issue = open.filter((i) => !i.pull_request && i.body?.startsWith(marker + "\n")).sort((a, b) => a.number - b.number)[0];

  if (body === undefined) {
    if (!issue) return { action: "none" };
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `No drift any more for \`${path}\` ([run](${runUrl})): closing.` });
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
    return { action: "closed", number: issue.number };
  }
  if (!issue) {
    const title = `orgctl: drift detected in ${path}`;
    const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels: [DRIFT_LABEL] });
    return { action: "created", number: data.number };
  }
  if (normalize(issue.body ?? "") === normalize(body)) return { action: "unchanged", number: issue.number };
  await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { action: "updated", number: issue.number };
}

/** GitHub may hand bodies back with CRLF line ends. */
function normalize(text: string): string {
  return text.replace(/\r\n/g, "\n").trimEnd();
}
