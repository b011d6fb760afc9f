// Finds, on merge, the plan that was reviewed: the merged pull request of this commit, the
// Action's own plan comment on it (its marker names the commit planned, the run, the
// artifact and the plan's sha256), and that run's artifact, downloaded through the REST
// artifacts API and checked against the digest. Anything missing or different is a
// refusal that says why; nothing else is ever applied on merge.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { ownComments } from "./comment.js";
import type { Octokit, Repo } from "./github.js";
import { displayName, hasMarker, readMarker, type Configuration } from "./marker.js";
import { sha256 } from "./outputs.js";
import { needing } from "./permissions.js";

/** Why there is no reviewed plan to apply; `pr` is the pull request to tell, when there is one. */
export class NotReviewed extends Error {
  constructor(
    message: string,
    readonly pr?: number,
  ) {
    super(message);
  }
}

export interface ReviewedPlan {
  pr: number;
  /** The saved plan, written to this step's directory. */
  file: string;
  commit: string;
  sha256: string;
}

export async function findReviewedPlan(octokit: Octokit, target: Repo, sha: string, config: Configuration, identity: string, dir: string): Promise<ReviewedPlan> {
  const { owner, repo } = target;
  const name = displayName(config);
  const { data: pulls } = await needing("contents: read", "find the pull request of this commit", () =>
    octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha, per_page: 100 }),
  );
  const pull = pulls.find((p) => p.merged_at && p.merge_commit_sha === sha);
  if (!pull) {
    throw new NotReviewed(`commit ${sha.slice(0, 7)} is not the merge of a pull request: orgctl applies only a plan reviewed on a pull request; merge the change through one`);
  }
  const pr = pull.number;
  const comments = await ownComments(octokit, { owner, repo, issueNumber: pr }, identity, (b) => hasMarker("orgctl-plan", config, b));
  const attrs = readMarker("orgctl-plan", comments[0]?.body);
  if (!attrs) throw new NotReviewed(`pull request #${pr} has no orgctl plan for \`${name}\` (written by ${identity}): nothing was reviewed`, pr);
  const commit = attrs.commit ?? "";
  if (attrs.status === "failed") throw new NotReviewed(`the last plan for \`${name}\` on #${pr} (commit ${commit.slice(0, 7)}) failed: there is no reviewed plan to apply`, pr);
  if (commit !== pull.head.sha) {
    throw new NotReviewed(`the plan for \`${name}\` on #${pr} was made at ${commit.slice(0, 7)}, but the pull request was merged at ${pull.head.sha.slice(0, 7)}: what was merged was never planned`, pr);
  }
  const digest = attrs["plan-sha256"] ?? "";
  const runId = Number(attrs.run);
  const artifactName = attrs.artifact ?? "";
  if (!/^[0-9a-f]{64}$/.test(digest) || !Number.isSafeInteger(runId) || !artifactName) {
    throw new NotReviewed(`the plan comment for \`${name}\` on #${pr} records no reviewed plan (it predates reviewed-plan apply): push to the pull request again to re-plan`, pr);
  }
  const { data: listed } = await needing("actions: read", "list the reviewed run's artifacts", () =>
    octokit.rest.actions.listWorkflowRunArtifacts({ owner, repo, run_id: runId, name: artifactName, per_page: 100 }),
  );
  const artifact = listed.artifacts.find((a) => a.name === artifactName && !a.expired);
  if (!artifact) {
    throw new NotReviewed(`the reviewed plan's artifact \`${artifactName}\` of run ${runId} is missing or expired: did the pull request workflow upload it (actions/upload-artifact with the artifact-name and plan-file outputs)?`, pr);
  }
  // The comment can be edited by anyone with write access: the artifact must come from a run of the merged head.
  const madeAt = artifact.workflow_run?.head_sha ?? "";
  if (madeAt !== pull.head.sha) {
    throw new NotReviewed(`the artifact \`${artifactName}\` of run ${runId} was made at ${madeAt.slice(0, 7) || "an unknown commit"}, not at the merged head ${pull.head.sha.slice(0, 7)}`, pr);
  }
  const { data } = await needing("actions: read", "download the reviewed plan", () =>
    octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id: artifact.id, archive_format: "zip" }),
  );
  const text = planFromZip(data, artifactName, pr);
  if (sha256(text) !== digest) {
    throw new NotReviewed(`the artifact \`${artifactName}\` is not the plan shown on #${pr} (sha256 ${sha256(text).slice(0, 12)}, reviewed ${digest.slice(0, 12)})`, pr);
  }
  const file = join(dir, "reviewed-plan.json");
  writeFileSync(file, text);
  return { pr, file, commit, sha256: digest };
}

/** The one file in the artifact's zip (upload-artifact zips a single file under its own name). */
function planFromZip(data: unknown, artifactName: string, pr: number): Uint8Array {
  const zip = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : undefined;
  try {
    if (!zip) throw new Error("not a zip archive");
    const files = Object.entries(unzipSync(zip)).filter(([path]) => !path.endsWith("/"));
    if (files.length !== 1) throw new Error(`${files.length} files in it, expected the plan alone`);
    return files[0]![1];
  } catch (err) {
    throw new NotReviewed(`the artifact \`${artifactName}\` cannot be read: ${err instanceof Error ? err.message : String(err)}`, pr);
  }
}
