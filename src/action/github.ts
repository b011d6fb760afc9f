// The GitHub REST client and the bits of run context the action's messages refer to.
import * as github from "@actions/github";

export type Octokit = ReturnType<typeof github.getOctokit>;

export interface Repo {
  owner: string;
  repo: string;
}

/** GitHub's limit for an issue or comment body. */
export const BODY_LIMIT = 65_536;

export function octokitFor(token: string): Octokit {
  // baseUrl comes from GITHUB_API_URL (GitHub Enterprise Server, or a test server).
  return github.getOctokit(token);
}

/** Link to this workflow run, where the job summary holds the full plan. */
export function runUrl(): string {
  const { serverUrl, runId } = github.context;
  const { owner, repo } = github.context.repo;
  return `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`;
}
