// Who the Action is on GitHub, so it edits and deletes only its own comments and issues
// (a comment by someone else that carries the marker is left alone). GET /user answers
// user tokens (PATs, OAuth) but refuses installation tokens with 403 "Resource not
// accessible by integration" (docs.github.com/rest/users/users#get-the-authenticated-user);
// installation tokens (ghs_) are the workflow's GITHUB_TOKEN ("an installation access token
// of the GitHub App [that] GitHub installs in your repository" when Actions is enabled,
// docs.github.com/actions/security-guides/automatic-token-authentication), whose comments
// GitHub attributes to github-actions[bot], or another App's (actions/create-github-app-token
// gives its `app-slug`; the login is "<slug>[bot]"), named by the `comment-author` input.
import * as core from "@actions/core";
import type { Octokit } from "./github.js";
import { statusOf } from "./permissions.js";

export const GITHUB_ACTIONS_BOT = "github-actions[bot]";

export async function actionIdentity(octokit: Octokit, token: string, given: string): Promise<string> {
  if (given) return given;
  if (token.startsWith("ghs_")) return GITHUB_ACTIONS_BOT;
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.login;
  } catch (err) {
    if (statusOf(err) !== 403) throw err;
    return GITHUB_ACTIONS_BOT;
  }
}

export function sameLogin(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** An installation token that is not GITHUB_TOKEN shows up as another login: say how to name it. */
export function checkAuthor(created: string | undefined, identity: string): void {
  if (created === undefined || sameLogin(created, identity)) return;
  core.warning(
    `this comment was written as ${created}, not ${identity}: set the comment-author input to "${created}" so later runs edit it instead of adding new ones`,
  );
}
