// The AppConfig kinds. AppConfig names are case-sensitive and not unique (the readers
// report two with one name as a conflict), so names compare as written.
import type { ResourceKind } from "../../engine/kind.js";
import { rolloutOperations } from "./rollout/operations.js";
import { deploymentContent, versionContent } from "./sensitive.js";
import { applicationOperations, deploymentOperations, environmentOperations, profileOperations, versionOperations } from "./operations.js";
import { strategyOperations } from "./strategy/operations.js";

const asWritten = (name: string) => name;

export const applicationKind: ResourceKind<"application"> = { type: "application", service: "appconfig", nameKey: asWritten, operations: applicationOperations };
export const environmentKind: ResourceKind<"environment"> = { type: "environment", service: "appconfig", nameKey: asWritten, operations: environmentOperations };
export const profileKind: ResourceKind<"profile"> = { type: "profile", service: "appconfig", nameKey: asWritten, operations: profileOperations };
export const versionKind: ResourceKind<"version"> = {
  type: "version",
  service: "appconfig",
  nameKey: asWritten,
  operations: versionOperations,
  sensitiveContent: versionContent,
  // CreateHostedConfigurationVersion is checked against the profile's latest number.
  exclusive: (change) => (change.action === "create" && change.after ? `${change.after.region}/${change.after.application}/${change.after.profile}` : undefined),
};
export const strategyKind: ResourceKind<"strategy"> = { type: "strategy", service: "appconfig", nameKey: asWritten, operations: strategyOperations };
export const deploymentKind: ResourceKind<"deployment"> = {
  type: "deployment",
  service: "appconfig",
  nameKey: asWritten,
  operations: deploymentOperations,
  sensitiveContent: deploymentContent,
  // AppConfig runs one deployment at a time per environment.
  exclusive: (change) => (change.action === "deploy" && change.after ? `${change.after.region}/${change.after.application}/${change.after.environment}` : undefined),
};

/** A rollout of another version, which the plan stops before deploying the pin. */
export const rolloutKind: ResourceKind<"rollout"> = {
  type: "rollout",
  service: "appconfig",
  nameKey: asWritten,
  operations: rolloutOperations,
  // Two stops in one environment run one after the other (the deploy waits for its stop).
  exclusive: (change) => (change.before ? `${change.before.region}/${change.before.application}/${change.before.environment}` : undefined),
};
