// The words for each typed reason (src/engine/reasons.ts): one place, so the text, the
// Markdown comment and the JSON's readers all say the same thing.
import type { ChangedPart, Reason } from "../engine/reasons.js";

export function describeReason(reason: Reason): string {
  switch (reason.kind) {
    case "changed":
      return describePart(reason.part);
    case "orphan":
      if (reason.removal === "legacy-unowned") {
        return "orphan: tagged orgctl:managed=true by an orgctl without owners, so not pruned; declare it to claim it, or delete it by hand";
      }
      return `orphan: ${reason.what} not in the desired state (${reason.removal === "prune" ? "delete with prune" : "orgctl never deletes it"})`;
    case "claim":
      if (reason.from === "legacy") return "claim: tagged orgctl:managed=true by an orgctl without owners; this desired state becomes its owner";
      if (reason.from === "unanchored") return `claim: owned by ${reason.owner ?? "?"}, which names no repository; this desired state becomes its owner`;
      return `take over from ${reason.owner ?? "another desired state"}`;
    case "path-change":
      return `path ${reason.from} -> ${reason.to} (IAM cannot change a path: delete and re-create)`;
    case "create-pending":
      return `CreateAccount ${reason.requestId} is still ${reason.state}: re-plan when it finishes`;
    case "unchangeable":
      return reason.attribute === "name"
        ? `name is "${reason.live}" in AWS, "${reason.desired}" in the YAML: orgctl does not rename accounts`
        : `email is ${reason.live} in AWS: orgctl does not change account emails`;
    case "rolling-out":
      return `deployment #${reason.deploymentNumber} in progress (${reason.state}): ${reason.versionLabel} is being deployed`;
    case "stops-deployment":
      return `stop deployment #${reason.deploymentNumber} (rolling out ${reason.versionLabel ?? "another version"}): AppConfig rolls back to what was deployed before`;
    case "busy":
      return `blocked: deployment #${reason.deploymentNumber} is ${reason.state} in this environment; AppConfig allows one at a time, so apply will report it busy until it completes`;
    case "trust-completed-later":
      return `trust completed after ${reason.waitsFor} exists`;
    case "completes-trust":
      return `completes the trust of ${reason.of} once ${reason.waitsFor.join(", ")} exist${reason.waitsFor.length === 1 ? "s" : ""}`;
    case "unresolved-account":
      return `account ${reason.account} has no id and is not being created: apply cannot resolve it`;
    case "grant":
      return describeGrant(reason.roles);
    case "known-after-apply":
      return `${reason.reference}: (known after apply)`;
  }
}

/** "may assume X in dev", or, for a role deployed widely, "X in 54 accounts". */
function describeGrant(roles: readonly { account: string; name: string }[]): string {
  const byName = new Map<string, string[]>();
  for (const r of roles) byName.set(r.name, [...(byName.get(r.name) ?? []), r.account]);
  const parts = [...byName].map(([name, accounts]) => `${name} in ${accounts.length === 1 ? accounts[0] : `${accounts.length} accounts`}`);
  return `grant: may assume ${parts.join(", ")} (trust with grant: true)`;
}

function describePart(part: ChangedPart): string {
  switch (part.kind) {
    case "attribute":
      return part.name;
    case "inline-policy":
      return part.change === "edit" ? `inline policy ${part.name}` : `inline policy ${part.name} (${part.change})`;
    case "attach":
      return `attach ${part.arn}`;
    case "detach":
      return `detach ${part.arn}`;
    case "move":
      return `move ${part.from ?? "(root)"} -> ${part.to ?? "(root)"}`;
    case "flag":
      return part.change === "edit" ? `flag ${part.name}` : `flag ${part.name} (${part.change})`;
  }
}

/** Every reason of a change in words, in order. */
export function reasonLines(reasons: readonly Reason[]): string[] {
  return reasons.map(describeReason);
}
