// Sensitive content (AppConfig `sensitive: true`) in a plan. A plan is printed, posted as
// a PR comment and saved as a file, so a sensitive change carries neither its content nor
// any hash of it: a short secret is found again by hashing every candidate (a 4-digit PIN
// takes 10,000 tries). The plan says what is created and deployed; apply has each kind
// fill the content in from the YAML (`withSensitiveContent`), the same YAML whose digest
// the plan records. The placeholder is constant, so the same YAML and the same live state
// still give the same plan.
import type { DesiredState } from "../model/types.js";
import { asChange } from "./change.js";
import type { KindRegistry } from "./kind.js";
import type { ResourceType } from "./resources.js";
import type { ChangeOf, Plan } from "./types.js";

/** Stands for sensitive content, and for any hash of it, in a plan. */
export const SENSITIVE = "(sensitive)";

export class SensitiveContentMissing extends Error {}

/**
 * The plan's changes with sensitive content and hashes filled in from `desired`, for
 * execution only (never print or save the result). Throws when the desired state is not
 * at hand or no longer has the content.
 */
export function withSensitiveContent(plan: Plan, desired: DesiredState | undefined, kinds: KindRegistry): Plan {
  const fill = <T extends ResourceType>(change: ChangeOf<T>): ChangeOf<T> => {
    const kind = kinds.kindOf(change);
    if (change.action === "noop" || !kind?.sensitiveContent?.needed(change)) return change;
    if (!desired) {
      throw new SensitiveContentMissing("the plan creates or deploys sensitive content, which plans never hold: give the desired state it was made from as the second argument");
    }
    return kind.sensitiveContent.fill(change, desired);
  };
  return { ...plan, changes: plan.changes.map((c) => asChange(fill(c))) };
}
