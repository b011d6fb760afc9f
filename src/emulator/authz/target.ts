// What an operation is authorized against: the resource ARN(s) AWS evaluates for it, the
// service condition keys the request sets, and whether a resource-based policy of the same
// account already grants the caller. Each service's table (resources/*.ts) builds one per call.
import type { EmuRequest, World } from "../types.js";

export interface Target {
  /** Resource ARNs; ["*"] for actions without a resource type. */
  resources: string[];
  /** Service condition keys set by the request, e.g. iam:PolicyARN. */
  context?: Record<string, string>;
  /** A same-account resource-based policy (a role's trust) names the caller. */
  resourcePolicyGrants?: boolean;
  /** Operations AWS never denies (sts:GetCallerIdentity). */
  alwaysAllowed?: boolean;
}

export type TargetOf = (req: EmuRequest, world: World) => Target;

export const ANY: TargetOf = () => ({ resources: ["*"] });
