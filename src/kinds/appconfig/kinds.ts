// The AppConfig kinds. AppConfig names are case-sensitive and not unique (the readers
// report two with one name as a conflict), so names compare as written.
import type { ResourceKind } from "../../engine/kind.js";
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
  // AppConfig runs one deployment at a time per environment.
  exclusive: (change) => (change.action === "deploy" && change.after ? `${change.after.region}/${change.after.application}/${change.after.environment}` : undefined),
  sensitiveContent: deploymentContent,
};
