// The canonical shape of a environment in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "environment".
import type { Tags } from "../../../model/types.js";

/**
 * AppConfig environment (type "environment"); apply finds the application by name.
 * Tags are exactly the YAML's: ownership is recorded on the application.
 */
export interface EnvironmentResource {
  application: string;
  region: string;
  name: string;
  description: string;
  tags: Tags;
  /** Alarms AppConfig watches during deployments, in the YAML's order; absent when none. */
  monitors?: { alarm: string; role?: string }[];
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    environment: EnvironmentResource;
  }
}
