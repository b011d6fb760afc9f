// The contract between apply and the kinds' operations: what every operation gets besides
// the change itself, and what it may hand back. It lives with the plan types so that kinds
// depend on it without depending on the apply pipeline.
import type { ClientFactory } from "../aws/clients.js";

/** Roles no operation may write to (src/apply/lockout.ts checks them before each one). */
export interface ProtectedRoles {
  /** The access role as configured (a name, or path/name). */
  accessRole: string;
  /** GetCallerIdentity ARN of the credentials running apply. */
  callerArn: string;
}

export interface OperationOutcome {
  /** The id of an account the operation created, for `${account:<key>}` placeholders. */
  createdAccountId?: string;
  /**
   * Values of references (src/model/references) the operation made known, by reference
   * text (`${app:ListServices}` → the new application's id), for the changes that wait on it.
   */
  resolved?: Record<string, string>;
}

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
