// The canonical shape of a account in a change's before/after, and its entry in the
// engine's ResourceByType (declaration merging), which types every change of type "account".
import type { Tags } from "../../../model/types.js";

/**
 * Member account (management account, service "organizations", type "account").
 * A create calls CreateAccount(name, email, tags) then MoveAccount into `unit`.
 * An update moves it (`unit`) and/or retags it. Never deleted or closed by orgctl.
 */
export interface AccountResource {
  /** Key in the YAML `accounts:` map. */
  key: string;
  /** 12-digit id; absent when the account is to be created. */
  id?: string;
  name: string;
  email: string;
  /** Unit path, or null for the root. */
  unit: string | null;
  tags: Tags;
}

declare module "../../../engine/resources.js" {
  interface ResourceByType {
    account: AccountResource;
  }
}
