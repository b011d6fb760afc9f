// The GitHub REST client and the bits of run context the action's messages refer to.
// GitHub's documented waits are kept by Octokit's own plugins: the throttling plugin
// spaces writes and waits out rate limits (Retry-After on a secondary limit, the reset
// time on the primary one); the retry plugin retries 5xx with growing waits.
import * as github from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import * as core from "@actions/core";

export type Octokit = ReturnType<typeof github.getOctokit>;

export interface Repo {
  owner: string;
  repo: string;
}

/** GitHub's limit for an issue or comment body. */
export const BODY_LIMIT = 65_536;

/** Retries of one request after a rate limit; each wait is GitHub's own, bounded below. */
const RATE_LIMIT_RETRIES = 3;
/** A wait longer than this fails the job instead: every wait has a deadline. */
const LONGEST_WAIT_SECONDS = 15 * 60;

export function octokitFor(token: string): Octokit {
  // baseUrl comes from GITHUB_API_URL (GitHub Enterprise Server, or a test server).
  const wait = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const again = retryCount < RATE_LIMIT_RETRIES && retryAfter <= LONGEST_WAIT_SECONDS;
    core.warning(`GitHub ${kind} rate limit on ${options.method} ${options.url}: ${again ? `retrying in ${retryAfter}s` : "giving up"}`);
    return again;
  };
  return github.getOctokit(token, { throttle: { onRateLimit: wait("primary"), onSecondaryRateLimit: wait("secondary") } }, retry, throttling);
}

/** Link to this workflow run, where the job summary holds the full plan. */
export function runUrl(): string {
  const { serverUrl, runId } = github.context;
  const { owner, repo } = github.context.repo;
  return `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`;
}

/** The `sha` of a payload object such as `pull_request.base`, which the payload types leave untyped. */
export function shaOf(ref: unknown): string | undefined {
  return typeof ref === "object" && ref !== null && "sha" in ref && typeof ref.sha === "string" ? ref.sha : undefined;
}
