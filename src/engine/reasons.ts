// Why a change is in the plan, or what a reviewer must know about it, as typed data.
// Meanings that used to travel as free text (an orphan, a claim, a running deployment)
// are values here, so apply, the Action and tests can act on them without parsing
// words; the renderers (src/render/reasons.ts) turn each into the line a reviewer reads.
import type { Ownership } from "../model/ownership.js";

/** Attribute-level parts of an update, in the order a reviewer reads them. */
export type ChangedPart =
  | { kind: "attribute"; name: string }
  | { kind: "inline-policy"; name: string; change: "add" | "remove" | "edit" }
  | { kind: "attach"; arn: string }
  | { kind: "detach"; arn: string }
  | { kind: "move"; from: string | null; to: string | null }
  /** A feature flag (definition and value) added, removed or edited by a new version of a flags profile. */
  | { kind: "flag"; name: string; change: "add" | "remove" | "edit" };

export type Reason =
  | { kind: "changed"; part: ChangedPart }
  /** A resource orgctl manages that the YAML no longer declares. */
  | { kind: "orphan"; what: string; removal: "prune" | "never" | "legacy-unowned" }
  /** Taking a resource from an earlier owner: legacy (`true`), unanchored (local:…) or another repository. */
  | { kind: "claim"; from: "legacy" | "unanchored" | "other"; owner?: string }
  | { kind: "path-change"; from: string; to: string }
  | { kind: "create-pending"; requestId: string; state: string }
  | { kind: "unchangeable"; attribute: "name" | "email"; live: string; desired: string }
  /** The pinned version is already rolling out: nothing to do but wait. */
  | { kind: "rolling-out"; deploymentNumber: number; state: string; versionLabel: string }
  /** Another version is rolling out: this change stops it (AppConfig rolls back to what was deployed before). */
  | { kind: "stops-deployment"; deploymentNumber: number; versionLabel?: string }
  /** A deployment AppConfig will not let run alongside this one. */
  | { kind: "busy"; deploymentNumber: number; state: string }
  /** A role create whose trust leaves out roles that do not exist yet; a later change completes it. */
  | { kind: "trust-completed-later"; waitsFor: string }
  | { kind: "completes-trust"; of: string; waitsFor: string[] }
  | { kind: "unresolved-account"; account: string }
  /** The caller's side of a grant: roles whose trust names it with `grant: true` (account keys and names). */
  | { kind: "grant"; roles: { account: string; name: string }[] }
  /** A reference (`${app:…}`, …) to something this apply creates: resolved just before the change runs. */
  | { kind: "known-after-apply"; reference: string };

export type ReasonKind = Reason["kind"];

/** What a plan records when it takes a resource that is not simply ours. */
export function claimReasons(o: Ownership): Reason[] {
  if (o.kind === "legacy") return [{ kind: "claim", from: "legacy" }];
  if (o.kind === "unanchored") return [{ kind: "claim", from: "unanchored", owner: o.owner }];
  if (o.kind === "other") return [{ kind: "claim", from: "other", owner: o.owner }];
  return [];
}

/** The parts of an update as reasons. */
export function changedReasons(parts: readonly ChangedPart[]): Reason[] {
  return parts.map((part) => ({ kind: "changed", part }));
}
