// The canonical shape of a version in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "version".

/**
 * AppConfig hosted configuration version (type "version"). Immutable: never updated;
 * a changed content is a new version. The label is stored as the version's Description.
 * `content` is present so apply can create it; renderers print "(sensitive)" instead
 * when the Change is sensitive.
 */
export interface VersionResource {
  application: string;
  region: string;
  profile: string;
  label: string;
  contentType: string;
  content: string;
  /** sha256 hex of `content` (UTF-8). */
  contentSha256: string;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    version: VersionResource;
  }
}
