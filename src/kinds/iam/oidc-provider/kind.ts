// The OpenID Connect provider kind: named by its URL (host[/path]); the host compares
// case-insensitively, as IAM's ARN for it does.
import type { ResourceKind } from "../../../engine/kind.js";
import { oidcProviderOperations } from "./operations.js";
import { providerUrl } from "./read.js";

export const oidcProviderKind: ResourceKind<"oidc-provider"> = {
  type: "oidc-provider",
  service: "iam",
  nameKey: providerUrl,
  operations: oidcProviderOperations,
};
