// STS operations → targets. GetCallerIdentity needs no permission and cannot be denied;
// AssumeRole is authorized against the role, and within one account a trust policy that
// names the caller itself (its role or session ARN, or its user ARN) grants without an
// identity-policy Allow; one that names only the account delegates to identity policies.
import { parseQueryBody } from "../../protocol/query.js";
import { findRoleByArn } from "../../iam/state.js";
import { parseStatements } from "../../sts/trust.js";
import type { Principal } from "../../types.js";
import { actionMatches } from "../../../policy/match.js";
import type { TargetOf } from "../target.js";

const list = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

function trustNamesCaller(trust: string, caller: Principal): boolean {
  const names = new Set([caller.arn, caller.roleArn].filter((n): n is string => n !== undefined));
  return (parseStatements(trust) ?? []).some((s) => {
    if (s.Effect !== "Allow" || typeof s.Principal !== "object" || s.Principal === null) return false;
    if (!list(s.Action).some((a) => actionMatches(a, "sts:AssumeRole"))) return false;
    return list(s.Principal.AWS).some((entry) => names.has(entry));
  });
}

const assumeRole: TargetOf = (req, world) => {
  const roleArn = parseQueryBody(req.body, req.query).get("RoleArn") ?? "";
  const role = findRoleByArn(world, roleArn);
  const sameAccount = role !== undefined && roleArn.split(":")[4] === req.principal.accountId;
  return { resources: [roleArn], resourcePolicyGrants: sameAccount && trustNamesCaller(role.assumeRolePolicyDocument, req.principal) };
};

export const STS_TARGETS: Record<string, TargetOf> = {
  GetCallerIdentity: () => ({ resources: ["*"], alwaysAllowed: true }),
  AssumeRole: assumeRole,
};
