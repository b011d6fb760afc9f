// Organizational units: identified by path from the root; created and retagged, never
// deleted by orgctl (a leftover is shown as an orphan).
import type { ResourceKind } from "../../../engine/kind.js";
import { unitOperations } from "../operations.js";

export const unitKind: ResourceKind<"unit"> = {
  type: "unit",
  service: "organizations",
  // Organizations compares OU names as they are written.
  nameKey: (name) => name,
  operations: unitOperations,
};
