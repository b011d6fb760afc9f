// The canonical shape of a unit in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "unit".
import type { Tags } from "../../../model/types.js";

/**
 * Organizational unit (management account, service "organizations", type "unit").
 * Units are identified by path; apply looks the parent up by `parent` path (null = root).
 * Never deleted by orgctl.
 */
export interface UnitResource {
  /** Slash-joined path from the root, e.g. "Workloads/Dev". */
  path: string;
  name: string;
  parent: string | null;
  /** Exactly the tags the unit should carry. */
  tags: Tags;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    unit: UnitResource;
  }
}
