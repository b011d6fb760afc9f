import type { PolicyDocument, PolicyStatement, TrustSpec } from "./types.js";

/**
 * The trust policy that `trust:` sugar stands for. `accountId` turns an account key or
 * id into the 12-digit id (accounts still to be created have none yet: callers pass a
 * placeholder when they only need the size). MFA and external id conditions apply to
 * AWS principals only: a service principal can satisfy neither.
 */
export function trustPolicy(trust: TrustSpec, accountId: (keyOrId: string) => string): PolicyDocument {
  const statements: PolicyStatement[] = [];
  const aws = [
    ...trust.accounts.map((a) => `arn:aws:iam::${accountId(a)}:root`),
    ...trust.roles.map((r) => {
      const slash = r.indexOf("/");
      return `arn:aws:iam::${accountId(r.slice(0, slash))}:role/${r.slice(slash + 1)}`;
    }),
  ];
  if (aws.length > 0) {
    const condition: Record<string, Record<string, string>> = {};
    if (trust.requireMfa) condition.Bool = { "aws:MultiFactorAuthPresent": "true" };
    if (trust.externalId !== undefined) condition.StringEquals = { "sts:ExternalId": trust.externalId };
    statements.push({
      Effect: "Allow",
      Principal: { AWS: aws.length === 1 ? aws[0] : aws },
      Action: "sts:AssumeRole",
      ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
    });
  }
  if (trust.services.length > 0) {
    statements.push({
      Effect: "Allow",
      Principal: { Service: trust.services.length === 1 ? trust.services[0] : trust.services },
      Action: "sts:AssumeRole",
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
