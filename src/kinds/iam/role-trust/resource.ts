// The canonical shape of a role-trust change: the follow-up that completes a role's trust
// policy once the roles it names exist (see cycles.ts), and its ResourceByType entry.
import type { PolicyDocument } from "../../../model/types.js";

export interface RoleTrustResource {
  name: string;
  assumeRolePolicy: PolicyDocument;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    "role-trust": RoleTrustResource;
  }
}
