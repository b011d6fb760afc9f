// Ownership of what orgctl manages, read from the orgctl:managed tag. Its value names the
// owning desired state (settings.owner); "true" is what orgctl wrote before owners existed,
// and such a resource is claimed by the first desired state that declares it. Prune and
// every write check ownership here, so the rule is one rule everywhere.
import { OWNERSHIP_TAG_KEY, OWNERSHIP_TAG_VALUE, type Tags } from "./types.js";

/** How src/config/owner.ts names a desired state with no git remote. */
export const LOCAL_OWNER_PREFIX = "local:";

export type Ownership =
  | { kind: "unmanaged" }
  /** Tagged by an orgctl without owners: anyone's to claim by declaring it, nobody's to prune. */
  | { kind: "legacy" }
  /**
   * Owned by a desired state that named no repository (`local:…`: no git remote, or no git
   * at all). Such a name changes as soon as the folder gets a remote or is moved, so like
   * legacy it is claimed by whoever declares it, and pruned by nobody else.
   */
  | { kind: "unanchored"; owner: string }
  | { kind: "mine" }
  | { kind: "other"; owner: string };

export function ownershipOf(tags: Tags, me: string): Ownership {
  const value = tags[OWNERSHIP_TAG_KEY];
  if (value === undefined) return { kind: "unmanaged" };
  if (value === me) return { kind: "mine" };
  if (value === OWNERSHIP_TAG_VALUE) return { kind: "legacy" };
  if (value.startsWith(LOCAL_OWNER_PREFIX)) return { kind: "unanchored", owner: value };
  return { kind: "other", owner: value };
}

/** Desired tags: the user's, plus the ownership tag naming this desired state. */
export function ownedTags(tags: Tags, me: string): Tags {
  return { ...tags, [OWNERSHIP_TAG_KEY]: me };
}

/** An update needs the resource to be ours (or unclaimed legacy); anything else only by adopting. */
export function mayUpdate(tags: Tags, me: string, adopting: boolean): boolean {
  return isClaimable(ownershipOf(tags, me)) || adopting;
}

/** Ours, or free to claim by declaring it (an update, not an adopt). */
export function isClaimable(o: Ownership): boolean {
  return o.kind === "mine" || o.kind === "legacy" || o.kind === "unanchored";
}

/** Only this owner's resources are deleted. */
export function mayDelete(tags: Tags, me: string): boolean {
  return ownershipOf(tags, me).kind === "mine";
}

export function describeOwnership(o: Ownership): string {
  switch (o.kind) {
    case "unmanaged":
      return `not managed by orgctl (no ${OWNERSHIP_TAG_KEY} tag)`;
    case "legacy":
      return `managed by orgctl with no owner named (${OWNERSHIP_TAG_KEY}=${OWNERSHIP_TAG_VALUE})`;
    case "unanchored":
      return `managed by a desired state that names no repository (${o.owner})`;
    case "mine":
      return "managed by this desired state";
    case "other":
      return `managed by another desired state (${o.owner})`;
  }
}
