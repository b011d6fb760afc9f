// How a customer managed policy moves to a new document: IAM keeps at most 5 versions and
// only the default one is in force. Pure: given the live versions and the document wanted,
// the steps, in order. A version that already holds the wanted document (an earlier run's
// lost answer, or a past version) is made default again instead of adding a sixth.

export const POLICY_VERSIONS_LIMIT = 5;

export interface LiveVersion {
  /** v1, v2, … */
  id: string;
  isDefault: boolean;
  /** The document in canonical form, compared as text. */
  document: string;
}

export type VersionStep =
  | { op: "set-default"; versionId: string }
  | { op: "delete-version"; versionId: string }
  | { op: "create-version"; document: string };

const number = (id: string) => Number(/^v(\d+)/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER);

/** The steps that make `wanted` the default document; none when it already is. */
export function versionSteps(versions: LiveVersion[], wanted: string): VersionStep[] {
  const current = versions.find((v) => v.isDefault);
  if (current?.document === wanted) return [];
  const existing = versions.find((v) => !v.isDefault && v.document === wanted);
  if (existing) return [{ op: "set-default", versionId: existing.id }];
  const steps: VersionStep[] = [];
  if (versions.length >= POLICY_VERSIONS_LIMIT) {
    // The oldest version that is not in force goes; the default one cannot be deleted.
    const oldest = versions.filter((v) => !v.isDefault).sort((a, b) => number(a.id) - number(b.id))[0];
    if (oldest) steps.push({ op: "delete-version", versionId: oldest.id });
  }
  steps.push({ op: "create-version", document: wanted });
  return steps;
}

/** The versions DeletePolicy needs gone first (IAM refuses while non-default versions remain). */
export function versionsToDeleteBeforePolicy(versions: LiveVersion[]): string[] {
  return versions.filter((v) => !v.isDefault).map((v) => v.id).sort((a, b) => number(a) - number(b));
}
