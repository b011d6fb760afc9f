// sts:AssumeRole: validates the request, evaluates the target role's trust policy and issues
// session credentials scoped to the role's account.
import { AwsError, type EmuRequest, type Principal, type World } from "../types.js";
import { findRoleByArn } from "../iam/state.js";
import { propagated } from "../consistency/propagation.js";
import { el, required, wrap } from "../protocol/query.js";
import { trustAllows } from "./trust.js";
import type { RequestContext } from "../../policy/conditions.js";
import { ValidationErrors } from "./validate.js";

/** Role chaining (an assumed-role session assuming a role) caps sessions at one hour. */
const CHAINED_SESSION_LIMIT = 3600;
const DEFAULT_DURATION = 3600;

function notAuthorized(caller: Principal, action: string, roleArn: string): AwsError {
  return new AwsError("AccessDenied", `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${roleArn}`, 403);
}

function requestContext(caller: Principal, params: URLSearchParams, mfa: boolean, sourceIdentity: string | undefined): RequestContext {
  const context: RequestContext = new Map();
  const set = (key: string, value: string | null | undefined) => {
    if (value !== null && value !== undefined) context.set(key.toLowerCase(), [value]);
  };
  set("aws:PrincipalAccount", caller.accountId);
  set("aws:PrincipalArn", caller.roleArn ?? caller.arn);
  set("aws:PrincipalType", caller.type === "root" ? "Account" : caller.type === "user" ? "User" : "AssumedRole");
  set("aws:userid", caller.userId);
  set("sts:RoleSessionName", params.get("RoleSessionName"));
  set("sts:ExternalId", params.get("ExternalId"));
  set("sts:SourceIdentity", sourceIdentity);
  set("aws:SourceIdentity", caller.sourceIdentity);
  // Long-term keys carry no MFA context at all; temporary credentials say whether MFA was used.
  if (mfa || caller.mfaPresent) set("aws:MultiFactorAuthPresent", "true");
  else if (caller.type === "assumed-role") set("aws:MultiFactorAuthPresent", "false");
  return context;
}

export function assumeRole(req: EmuRequest, params: URLSearchParams, world: World): string {
  const caller = req.principal;
  const roleArn = required(params, "RoleArn");
  const sessionName = required(params, "RoleSessionName");
  const rawDuration = params.get("DurationSeconds");
  const duration = rawDuration === null ? DEFAULT_DURATION : Number(rawDuration);
  const serialNumber = params.get("SerialNumber");
  const tokenCode = params.get("TokenCode");
  const requestedSourceIdentity = params.get("SourceIdentity");

  const errors = new ValidationErrors();
  errors.string("RoleArn", roleArn);
  errors.string("RoleSessionName", sessionName);
  errors.duration(duration, rawDuration);
  errors.string("ExternalId", params.get("ExternalId"));
  errors.string("SerialNumber", serialNumber);
  errors.string("TokenCode", tokenCode);
  errors.string("SourceIdentity", requestedSourceIdentity);
  errors.throwIfAny();
  // AWS refuses root whatever the trust policy says (IAM User Guide, "Methods to assume a role").
  if (caller.type === "root") throw new AwsError("AccessDenied", "Roles may not be assumed by root accounts.", 403);

  // Any six digits pass: the emulator has no MFA devices to check codes against.
  const mfa = serialNumber !== null && tokenCode !== null;
  if (caller.sourceIdentity !== undefined && requestedSourceIdentity !== null && requestedSourceIdentity !== caller.sourceIdentity) {
    throw notAuthorized(caller, "sts:SetSourceIdentity", roleArn);
  }
  const sourceIdentity = requestedSourceIdentity ?? caller.sourceIdentity;
  const context = requestContext(caller, params, mfa, sourceIdentity);

  const role = findRoleByArn(world, roleArn);
  // A role (or a new account's access role) that has not propagated yet is refused like a missing one.
  if (!role || !propagated(world, role.arn, "assume") || !trustAllows(role.assumeRolePolicyDocument, "sts:AssumeRole", caller, context)) {
    throw notAuthorized(caller, "sts:AssumeRole", roleArn);
  }
  if (sourceIdentity !== undefined && !trustAllows(role.assumeRolePolicyDocument, "sts:SetSourceIdentity", caller, context)) {
    throw notAuthorized(caller, "sts:SetSourceIdentity", roleArn);
  }
  if (caller.type === "assumed-role" && duration > CHAINED_SESSION_LIMIT) {
    throw new AwsError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", 400);
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400);
  }

  const accountId = /^arn:aws:iam::(\d{12}):/.exec(role.arn)![1]!;
  const principal: Principal = {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${role.roleName}/${sessionName}`,
    type: "assumed-role",
    roleArn: role.arn,
    roleName: role.roleName,
    userId: `${role.roleId}:${sessionName}`,
    sessionName,
    mfaPresent: mfa,
    ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
  };
  const creds = world.issueCredentials(principal, duration);
  return (
    wrap(
      "Credentials",
      el("AccessKeyId", creds.accessKeyId) +
        el("SecretAccessKey", creds.secretAccessKey) +
        el("SessionToken", creds.sessionToken) +
        el("Expiration", new Date(creds.expiresAt!).toISOString()),
    ) +
    wrap("AssumedRoleUser", el("AssumedRoleId", principal.userId) + el("Arn", principal.arn)) +
    el("SourceIdentity", sourceIdentity)
  );
}
