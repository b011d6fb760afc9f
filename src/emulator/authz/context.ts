// The global condition keys every request carries, from the caller and the request's region
// (AWS's aws:* keys); operations add their own service keys (iam:PolicyARN, …) on top.
import type { RequestContext } from "../../policy/conditions.js";
import type { Principal } from "../types.js";

export function requestContext(principal: Principal, region: string, extra: Record<string, string> = {}): RequestContext {
  const context: RequestContext = new Map();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined) context.set(key.toLowerCase(), [value]);
  };
  set("aws:PrincipalAccount", principal.accountId);
  set("aws:PrincipalArn", principal.roleArn ?? principal.arn);
  set("aws:PrincipalType", principal.type === "root" ? "Account" : principal.type === "user" ? "User" : "AssumedRole");
  set("aws:userid", principal.userId);
  if (principal.type === "user") set("aws:username", principal.arn.slice(principal.arn.lastIndexOf("/") + 1));
  set("aws:SourceIdentity", principal.sourceIdentity);
  set("aws:RequestedRegion", region);
  // Long-term keys carry no MFA key at all; temporary credentials say whether MFA was used.
  if (principal.mfaPresent) set("aws:MultiFactorAuthPresent", "true");
  else if (principal.type === "assumed-role") set("aws:MultiFactorAuthPresent", "false");
  for (const [key, value] of Object.entries(extra)) set(key, value);
  return context;
}
