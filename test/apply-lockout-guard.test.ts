// The lockout guard sits where operations run, not only in the planner: a change that
// reaches the operation runner naming the access role or the caller's role (in any case,
// under any name field) is refused there, and IAM sees no write.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GetRoleCommand, type IAMClient } from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { operationRunner } from "../src/apply/operations.js";
import { makeChange } from "../src/engine/change.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import type { ClientFactory } from "../src/aws/clients.js";
import { clientFactoryFor } from "./helpers/emulator.js";
import { clientIn } from "./helpers/example-sandbox.js";
import { KINDS } from "../src/kinds/registry.js";

const DEV = "210987654321";
const OPEN_TRUST = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] };

let handle: EmulatorHandle;
let clients: ClientFactory;
let iam: IAMClient;

beforeAll(async () => {
  const loaded = await loadDesiredState("examples/4-multi-account-landing");
  handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
  clients = clientFactoryFor(handle);
  iam = await clientIn(handle, "iam", DEV);
});
afterAll(async () => {
  clients?.destroy();
  iam?.destroy();
  await handle?.stop();
});

function runner(callerArn: string) {
  return operationRunner({
    clients,
    managementAccountId: "111111111111",
    wait: false,
    allowCloseAccounts: false,
    progress: () => {},
    createdRoles: new Set(),
    owner: "test",
    protectedRoles: { accessRole: "OrganizationAccountAccessRole", callerArn },
  }, KINDS);
}

const trustChange = (name: string, afterName: string) =>
  makeChange({ account: "development", accountId: DEV, service: "iam", type: "role-trust", name, action: "update", before: null, after: { name: afterName, assumeRolePolicy: OPEN_TRUST } });

describe("the lockout guard where operations run", () => {
  it("refuses a change to the access role in another case, under another change name", async () => {
    const before = (await iam.send(new GetRoleCommand({ RoleName: "OrganizationAccountAccessRole" }))).Role!.AssumeRolePolicyDocument;
    await expect(runner("arn:aws:iam::111111111111:root")(trustChange("harmless", "organizationaccountaccessrole"))).rejects.toThrow(
      "refused: development/iam/role-trust/harmless would update organizationaccountaccessrole, the role orgctl uses to reach accounts",
    );
    expect((await iam.send(new GetRoleCommand({ RoleName: "OrganizationAccountAccessRole" }))).Role!.AssumeRolePolicyDocument).toBe(before);
  });

  it("refuses a change to the caller's own role in its account, and only there", async () => {
    const caller = "arn:aws:sts::210987654321:assumed-role/Deployer/run-7";
    await expect(runner(caller)(trustChange("deployer", "deployer"))).rejects.toThrow(
      "refused: development/iam/role-trust/deployer would update the role these credentials are using (arn:aws:sts::210987654321:assumed-role/Deployer/run-7)",
    );
    // The same name in another account is another role: the guard lets it through to IAM,
    // which answers that no such role exists there.
    const other = { ...trustChange("deployer", "deployer"), account: "production", accountId: "321098765432" };
    await expect(runner(caller)(other)).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });
});
