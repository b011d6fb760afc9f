// Member accounts: created, moved and retagged; closed only with --allow-close-accounts.
// Addressed by their key in the YAML (by id when the YAML does not list them).
import type { ResourceKind } from "../../../engine/kind.js";
import { accountOperations } from "../operations.js";

export const accountKind: ResourceKind<"account"> = {
  type: "account",
  service: "organizations",
  nameKey: (name) => name,
  operations: accountOperations,
  refuse: (change, flags) =>
    change.action === "delete" && !flags.allowCloseAccounts
      ? `refused: ${change.address} would close the account; pass --allow-close-accounts to allow it`
      : undefined,
};
