// What stops IAM from deleting a role once orgctl has stripped its policies: instance
// profiles (DeleteRole answers DeleteConflict while the role is in one). The planner and
// the delete operation both refuse with this reason before anything is stripped. The
// profile orgctl keeps a role in (declared on it) is not a blocker: it is released first.

/** The reason a role in these instance profiles cannot be deleted, or undefined when it can. */
export function instanceProfileBlock(roleName: string, profiles: readonly string[]): string | undefined {
  if (profiles.length === 0) return undefined;
  const sorted = [...profiles].sort();
  const [noun, them] = sorted.length === 1 ? ["instance profile", "the profile"] : ["instance profiles", "the profiles"];
  return `role ${roleName} is in ${noun} ${sorted.join(", ")}: remove it from ${them} first; orgctl manages only the instance profile declared on a role (instanceProfile)`;
}
