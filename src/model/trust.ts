import { githubTrustStatement } from "./github-trust.js";
import { accountKeyOf, expandRoles } from "./targets.js";
import type { DesiredState, PolicyDocument, PolicyStatement, TrustSpec } from "./types.js";

/**
 * What follows `:role` in the ARN of a role named in `trust.roles`: its path and name as the
 * YAML declares that role in that account (IAM names ignore case, ARNs do not), else "/" and
 * the name as written.
 */
export type RolePath = (accountKeyOrId: string, roleName: string) => string;

/**
 * The trust policy that `trust:` sugar stands for. `accountId` turns an account key or
 * id into the 12-digit id (accounts still to be created have none yet: callers pass a
 * placeholder when they only need the size). MFA and external id conditions apply to
 * AWS principals only: a service principal can satisfy neither. A role principal's ARN
 * includes the role's path and declared spelling (IAM rejects an ARN that names no existing
 * role); `rolePath` supplies them. GitHub workflows come in through the OIDC provider of the role's own account:
 * `self` is that account's id (callers that only need the size may leave it out).
 */
export function trustPolicy(trust: TrustSpec, accountId: (keyOrId: string) => string, rolePath: RolePath = (_, name) => `/${name}`, self = "000000000000"): PolicyDocument {
  const statements: PolicyStatement[] = [];
  // A group is trusted through its account's root (IAM has no group principal); the grant narrows it.
  const roots = [...trust.accounts, ...(trust.groups ?? []).map((g) => g.slice(0, g.indexOf("/")))];
  const aws = [
    ...[...new Set(roots.map((a) => `arn:aws:iam::${accountId(a)}:root`))],
    ...trust.roles.map((r) => {
      // A full ARN names a role outside the desired state, as written.
      if (r.startsWith("arn:")) return r;
      const slash = r.indexOf("/");
      const [account, name] = [r.slice(0, slash), r.slice(slash + 1)];
      return `arn:aws:iam::${accountId(account)}:role${rolePath(account, name)}`;
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
  if (trust.github) statements.push(githubTrustStatement(trust.github, self));
  return { Version: "2012-10-17", Statement: statements };
}

/** Role paths from the desired state: the path and name of the role spec that puts that role in that account. */
export function rolePathsOf(state: Pick<DesiredState, "accounts" | "roles">): RolePath {
  const paths = new Map(expandRoles(state).map(({ account, role }) => [`${account.key}/${role.name.toLowerCase()}`, `${role.path}${role.name}`]));
  return (ref, name) => {
    const key = accountKeyOf(state, ref) ?? ref;
    return paths.get(`${key}/${name.toLowerCase()}`) ?? `/${name}`;
  };
}
