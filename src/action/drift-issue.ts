// The drift issue: one per configuration (working directory + path), found again by its
// hidden marker and its author (the Action's own identity), whatever its labels and
// whatever line endings the web editor gave its body. Opened when drift appears, edited
// only when the drift report changes (an identical report leaves it alone, so watchers are
// not notified for nothing), closed with a comment once live state matches the YAML, and
// reopened when drift returns, unless a person closed it as "not planned": that choice
// stands until the drift report changes.
import type { Octokit, Repo } from "./github.js";
import { sameLogin } from "./identity.js";
import { displayName, hasMarker, marker, type Configuration } from "./marker.js";
import { needing } from "./permissions.js";

export const DRIFT_LABEL = "orgctl-drift";

export type DriftIssueOutcome =
  | { action: "created" | "updated" | "unchanged" | "closed" | "reopened" | "left closed (not planned)"; number: number }
  | { action: "none" };

export function driftIssueBody(config: Configuration, report: string): string {
  const name = displayName(config);
  return [
    marker("orgctl-drift", config),
    report.trimEnd(),
    "",
    `> Opened by the scheduled \`orgctl drift\` check for \`${name}\`: live AWS state differs from the YAML. ` +
      "This issue is updated when the drift changes and closed when it is gone; to resolve it, merge a change to the YAML or revert the change in AWS. " +
      'Closed as "not planned", it stays closed until the drift changes.',
  ].join("\n");
}

/** `body` undefined means no drift. */
export async function syncDriftIssue(octokit: Octokit, target: Repo, config: Configuration, identity: string, body: string | undefined, runUrl: string): Promise<DriftIssueOutcome> {
  return needing("issues: write", "update the drift issue", () => sync(octokit, target, config, identity, body, runUrl));
}

async function sync(octokit: Octokit, target: Repo, config: Configuration, identity: string, body: string | undefined, runUrl: string): Promise<DriftIssueOutcome> {
  const { owner, repo } = target;
  const name = displayName(config);
  // Without drift only an open issue matters; with drift a closed one is reopened rather than duplicated.
  const listed = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: body === undefined ? "open" : "all", per_page: 100 });
  const mine = listed.filter((i) => !i.pull_request && sameLogin(i.user?.login, identity) && hasMarker("orgctl-drift", config, i.body));
  const issue = mine.filter((i) => i.state === "open").sort((a, b) => a.number - b.number)[0] ?? mine.sort((a, b) => b.number - a.number)[0];

  if (body === undefined) {
    if (!issue || issue.state !== "open") return { action: "none" };
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `No drift any more for \`${name}\` ([run](${runUrl})): closing.` });
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed", state_reason: "completed" });
    return { action: "closed", number: issue.number };
  }
  if (!issue) {
    const { data } = await octokit.rest.issues.create({ owner, repo, title: `orgctl: drift detected in ${name}`, body, labels: [DRIFT_LABEL] });
    return { action: "created", number: data.number };
  }
  const same = normalize(issue.body ?? "") === normalize(body);
  if (issue.state !== "open") {
    if (issue.state_reason === "not_planned" && same) return { action: "left closed (not planned)", number: issue.number };
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "open", state_reason: "reopened", ...(same ? {} : { body }) });
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `Drift is back for \`${name}\` ([run](${runUrl})): reopening.` });
    return { action: "reopened", number: issue.number };
  }
  if (same) return { action: "unchanged", number: issue.number };
  await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { action: "updated", number: issue.number };
}

/** The web editor saves bodies with CRLF line ends. */
function normalize(text: string): string {
  return text.replace(/\r\n/g, "\n").trimEnd();
}
