// What the AppConfig family reads in an account, and its part of the engine's LiveAccountState.
import type { Tags } from "../../model/types.js";

export interface LiveHostedVersion {
  versionNumber: number;
  description?: string;
  contentType: string;
  /** Exact content bytes as text. */
  content: string;
  /** sha256 hex of content. */
  contentSha256: string;
}

export interface LiveDeployment {
  deploymentNumber: number;
  environmentId: string;
  configurationProfileId: string;
  configurationVersion: string;
  deploymentStrategyId: string;
  state: string;
}

export interface LiveProfile {
  id: string;
  name: string;
  description?: string;
  type: string;
  validators: { type: string; content: string }[];
  /** Only the versions whose content was read: labelled (Description) like a desired version, or deployed/deploying. */
  versions: LiveHostedVersion[];
}

export interface LiveEnvironment {
  id: string;
  name: string;
  description?: string;
  state: string;
  tags: Tags;
  monitors?: { alarm: string; role?: string }[];
  /** Per profile id: the version number of the last COMPLETE deployment, and any running one. */
  deployed: Record<string, { version?: string; running?: LiveDeployment }>;
}

export interface LiveApplication {
  id: string;
  name: string;
  description?: string;
  tags: Tags;
  environments: LiveEnvironment[];
  profiles: LiveProfile[];
}

declare module "../../engine/types.js" {
  interface LiveAccountState {
    /** AppConfig applications by region then name. */
    appconfig?: Record<string, Record<string, LiveApplication>>;
    /** By region: application names more than one live application uses → why none is read. */
    appconfigNameClashes?: Record<string, Record<string, string>>;
    /** Deployment strategies by region: name → id (predefined and custom). */
    strategies?: Record<string, Record<string, string>>;
  }
}
