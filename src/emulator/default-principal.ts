// Who the sandbox and the tests run as: the IAM user `sandbox-admin` in the management
// account with AdministratorAccess attached, as a team's CI user or an engineer would be.
// Not the root user: AWS refuses AssumeRole to root ("Roles may not be assumed by root
// accounts."), and a policy evaluator allows root everything, so root would hide the
// very mistakes the sandbox is for. The key is a fixed, obviously fake value so that a
// sandbox started twice can be used with the same environment.
import type { Snapshot } from "./types.js";
import type { IamSnapshot } from "./iam/snapshot-shape.js";

export const DEFAULT_ACCOUNT_ID = "111111111111";
export const SANDBOX_USER_NAME = "sandbox-admin";
export const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

export const DEFAULT_CREDENTIALS = {
  accessKeyId: "AKIAEMULATOR00000001",
  secretAccessKey: "emulator/secret/not-a-real-aws-key/00001",
  accountId: DEFAULT_ACCOUNT_ID,
  userName: SANDBOX_USER_NAME,
};

/**
 * The snapshot plus the sandbox user in `accountId` (with AdministratorAccess) and its key
 * first in `credentials`, unless the snapshot already defines that user.
 */
export function withSandboxAdmin(snapshot: Snapshot, accountId = DEFAULT_ACCOUNT_ID): Snapshot {
  const iam: IamSnapshot = structuredClone((snapshot.iam as IamSnapshot | undefined) ?? { accounts: {} });
  const account = (iam.accounts[accountId] ??= {});
  const users = (account.users ??= []);
  if (!users.some((u) => u.UserName.toLowerCase() === SANDBOX_USER_NAME)) {
    users.push({ UserName: SANDBOX_USER_NAME, ManagedPolicyArns: [ADMINISTRATOR_ACCESS] });
  }
  const key = { ...DEFAULT_CREDENTIALS, accountId };
  const others = (snapshot.credentials ?? []).filter((c) => c.accessKeyId !== key.accessKeyId);
  return { ...snapshot, credentials: [key, ...others], iam };
}
