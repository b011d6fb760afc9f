// A sensitive version's plan holds neither its content nor its hash (engine/sensitive.ts):
// apply fills both in from the YAML, found by application, profile and label.
import { sha256Hex } from "../../engine/canonical.js";
import type { ResourceKind } from "../../engine/kind.js";
import { SENSITIVE, SensitiveContentMissing } from "../../engine/sensitive.js";
import type { ChangeBase, ChangeOf } from "../../engine/types.js";
import type { DesiredState } from "../../model/types.js";

interface Where {
  application: string;
  region: string;
  profile: string;
}

function contentOf(desired: DesiredState, change: ChangeBase, where: Where, label: string | undefined): string {
  const content = desired.appconfig
    .find((a) => a.account === change.account && a.region === where.region && a.name === where.application)
    ?.profiles.find((p) => p.name === where.profile)
    ?.versions.find((v) => v.label === label)?.content;
  if (content === undefined) throw new SensitiveContentMissing(`${change.address}: version ${label ?? "?"} is not in the desired state; run plan again`);
  return content;
}

export const versionContent: NonNullable<ResourceKind<"version">["sensitiveContent"]> = {
  needed: (change) => change.after?.contentSha256 === SENSITIVE,
  fill(change: ChangeOf<"version">, desired) {
    if (change.after === null) return change;
    const content = contentOf(desired, change, change.after, change.after.label);
    return { ...change, after: { ...change.after, content, contentSha256: sha256Hex(content) } };
  },
};

export const deploymentContent: NonNullable<ResourceKind<"deployment">["sensitiveContent"]> = {
  needed: (change) => change.after?.contentSha256 === SENSITIVE,
  fill(change: ChangeOf<"deployment">, desired) {
    if (change.after === null) return change;
    const content = contentOf(desired, change, change.after, change.after.versionLabel);
    return { ...change, after: { ...change.after, contentSha256: sha256Hex(content) } };
  },
};
