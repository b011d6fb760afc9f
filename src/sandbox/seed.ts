// A starting point for the sandbox: the organization as a team has it before adopting
// orgctl. The management account and every account the desired state gives an id exist
// (under the root, each with its OrganizationAccountAccessRole); units, accounts without
// an id, roles and AppConfig do not, so the first plan has real work to show. The keys it
// hands out belong to the IAM user sandbox-admin in the management account (with
// AdministratorAccess), not to root: AWS refuses AssumeRole to root.
import { DEFAULT_ACCESS_ROLE, type DesiredState } from "../model/types.js";
import type { Snapshot } from "../emulator/types.js";
import type { OrganizationsSnapshot } from "../emulator/organizations/snapshot.js";
import { DEFAULT_ACCOUNT_ID, withSandboxAdmin } from "../emulator/index.js";

export function snapshotFromDesired(desired: DesiredState): Snapshot {
  const managementAccountId = desired.organization?.managementAccount ?? DEFAULT_ACCOUNT_ID;
  const accessRole = desired.organization?.accessRole ?? DEFAULT_ACCESS_ROLE;
  const accounts: NonNullable<OrganizationsSnapshot["accounts"]> = desired.accounts
    .filter((a) => a.id !== undefined)
    .map((a) => ({ id: a.id, name: a.name, email: a.email, ...(a.id === managementAccountId ? {} : { accessRole }) }));
  if (!accounts.some((a) => a.id === managementAccountId)) {
    accounts.unshift({ id: managementAccountId, name: "management", email: "aws+management@example.com" });
  }
  const organizations: OrganizationsSnapshot = { managementAccountId, accounts };
  return withSandboxAdmin({ formatVersion: 1, organizations }, managementAccountId);
}
