// How a policy's Action and Resource entries match a request: actions case-insensitively
// ("iam:Get*", "*:List*"), resources as ARNs compared segment by segment, case-sensitively,
// where a wildcard never spans the colon between segments (AWS's ArnLike rules).
import { globMatches } from "./conditions.js";

export function actionMatches(pattern: string, action: string): boolean {
  return globMatches(pattern, action, true);
}

/** The six ARN segments; the last (resource) keeps any further colons. */
function segments(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

export function resourceMatches(pattern: string, resource: string): boolean {
  if (pattern === "*") return true;
  const want = segments(pattern);
  const have = segments(resource);
  // Not an ARN on either side (e.g. "*" for an action without resource types): only equal text matches.
  if (!want || !have) return pattern === resource;
  return want.every((p, i) => globMatches(p, have[i]!));
}
