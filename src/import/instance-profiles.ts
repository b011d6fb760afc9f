// A role's `instanceProfile` as import writes it. IAM lets a role sit in several profiles
// but the YAML declares one: the one orgctl made (its ownership tag), else the one named
// like the role, else the first by name. Profiles left undeclared are never deleted (a
// role still in one cannot be pruned: the plan says so).
import type { LiveRole } from "../kinds/iam/live.js";
import { OWNERSHIP_TAG_KEY } from "../model/types.js";

export function instanceProfileYaml(role: LiveRole): { instanceProfile?: true | { name?: string; path?: string } } {
  const names = [...role.instanceProfiles].sort();
  const name =
    names.find((n) => role.instanceProfileTags?.[n]?.[OWNERSHIP_TAG_KEY] !== undefined) ?? names.find((n) => n.toLowerCase() === role.name.toLowerCase()) ?? names[0];
  if (name === undefined) return {};
  const path = role.instanceProfilePaths?.[name] ?? "/";
  if (name === role.name && path === role.path) return { instanceProfile: true };
  return { instanceProfile: { ...(name !== role.name ? { name } : {}), ...(path !== role.path ? { path } : {}) } };
}
