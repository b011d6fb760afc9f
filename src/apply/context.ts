// What every provider operation gets besides the change itself.
import type { ClientFactory } from "../aws/clients.js";
import type { ProtectedRoles } from "./lockout.js";

export interface ApplyContext {
  clients: ClientFactory;
  /** Id of the organization's management account (where Organizations calls go). */
  managementAccountId: string;
  /** Wait for AppConfig deployments to complete. */
  wait: boolean;
  allowCloseAccounts: boolean;
  /** One line of progress for the user (stderr). */
  progress: (line: string) => void;
  /** Addresses of roles created in this run: IAM may not accept them as principals yet. */
  createdRoles: Set<string>;
  /** The desired state's owner: only its resources are changed (or deleted) without adopt. */
  owner: string;
  /** Roles no operation may write to, checked right before each one runs. */
  protectedRoles: ProtectedRoles;
}
