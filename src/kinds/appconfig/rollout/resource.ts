// The canonical shape of a rollout: a deployment AppConfig is running now in an environment
// (DEPLOYING, BAKING or VALIDATING) of other content than the YAML pins. The plan stops it
// (action "stop") before deploying the pin, two changes a reviewer sees apart.
declare module "../../../engine/resources.js" {
  interface ResourceByType {
    rollout: RolloutResource;
  }
}

export interface RolloutResource {
  application: string;
  region: string;
  environment: string;
  profile: string;
  deploymentNumber: number;
  /** The label of the version rolling out, when it is one of ours. */
  versionLabel?: string;
  contentSha256?: string;
}
