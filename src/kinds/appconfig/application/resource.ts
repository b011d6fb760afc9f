// The canonical shape of a application in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "application".
import type { Tags } from "../../../model/types.js";

/**
 * AppConfig application (its account, service "appconfig", type "application").
 * `tags` includes the ownership tag for managed applications.
 */
export interface ApplicationResource {
  name: string;
  region: string;
  /** "" when none. */
  description: string;
  tags: Tags;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    application: ApplicationResource;
  }
}
