// The canonical shape of a deployment in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "deployment".

/**
 * AppConfig deployment of a profile to an environment (type "deployment", action "deploy").
 * Apply resolves the version to deploy as the hosted version of `profile` whose content
 * sha256 is `contentSha256` (created by the version change it depends on), and the
 * strategy by name (predefined AppConfig.* or custom).
 * In `before` (what is deployed now), versionLabel/contentSha256/versionNumber describe
 * the last completed deployment and may be absent (nothing deployed, or unknown content).
 */
export interface DeploymentResource {
  application: string;
  region: string;
  environment: string;
  profile: string;
  versionLabel?: string;
  contentSha256?: string;
  strategy?: string;
  /** Live only: the hosted version number deployed now. */
  versionNumber?: number;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    deployment: DeploymentResource;
  }
}
