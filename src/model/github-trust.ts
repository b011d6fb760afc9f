// Trust sugar for GitHub Actions' OpenID Connect tokens: a role that a workflow of one
// repository may assume, optionally only from some branches or deployment environments.
// GitHub's token carries `aud` (sts.amazonaws.com for configure-aws-credentials) and `sub`
// (repo:OWNER/REPO:ref:refs/heads/BRANCH, repo:OWNER/REPO:environment:NAME, …); IAM checks them
// as condition keys prefixed with the provider's host.
import type { PolicyStatement } from "./basics.js";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

export interface GithubTrustSpec {
  /** OWNER/REPO. */
  repository: string;
  /** Branch names (or patterns with `*`); with none, and no environments, any ref of the repository. */
  branches: string[];
  /** Deployment environment names. */
  environments: string[];
}

/** The subjects GitHub's token may carry for this trust. */
export function githubSubjects(spec: GithubTrustSpec): string[] {
  const repo = `repo:${spec.repository}`;
  if (spec.branches.length === 0 && spec.environments.length === 0) return [`${repo}:*`];
  return [...spec.branches.map((b) => `${repo}:ref:refs/heads/${b}`), ...spec.environments.map((e) => `${repo}:environment:${e}`)];
}

/** The statement letting those workflows in through the account's GitHub OIDC provider. */
export function githubTrustStatement(spec: GithubTrustSpec, accountId: string): PolicyStatement {
  const subjects = githubSubjects(spec);
  // StringLike only where a pattern needs it: StringEquals is what AWS's own examples use otherwise.
  const wildcard = subjects.some((s) => s.includes("*") || s.includes("?"));
  return {
    Effect: "Allow",
    Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${GITHUB_OIDC_HOST}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: {
      StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, ...(wildcard ? {} : { [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0]! : subjects }) },
      ...(wildcard ? { StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0]! : subjects } } : {}),
    },
  };
}
