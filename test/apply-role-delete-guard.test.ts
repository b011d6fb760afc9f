// The delete operation checks what blocks DeleteRole before stripping anything, because a
// plan can be stale: a role put into an instance profile after the plan (and after apply
// re-derived it) must fail that change with the reason and keep every policy.
import { resolveOwner } from "../src/config/owner.js";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  RemoveRoleFromInstanceProfileCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import type { ClientFactory } from "../src/aws/clients.js";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { putInstanceProfile } from "../src/emulator/iam/instance-profile-state.js";
import { findRole } from "../src/emulator/iam/state.js";
import { operationRunner } from "../src/apply/operations.js";
import { makeChange } from "../src/engine/change.js";
import type { Change, Plan } from "../src/engine/types.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { auditFile, readAudit } from "./helpers/apply.js";
import { clientFactoryFor } from "./helpers/emulator.js";
import { clientIn, orgctl } from "./helpers/example-sandbox.js";
import { KINDS } from "../src/kinds/registry.js";
import { handEdited } from "./fixtures/hand-edited.js";

const EXAMPLE = "examples/4-multi-account-landing";
/** What this desired state names as its owner in the orgctl:managed tag. */
const OWNER = resolveOwner(EXAMPLE, undefined);
const DEV = "210987654321";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const ADDRESS = "development/iam/role/administrator-old";
const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" }] };
const listBucket = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] };
const REASON = "role administrator-old is in instance profile late-hosts: remove it from the profile first; orgctl manages only the instance profile declared on a role (instanceProfile); the role was not changed";

let handle: EmulatorHandle;
let clients: ClientFactory;
let iam: IAMClient;
let deletion: Change;

beforeAll(async () => {
  const loaded = await loadDesiredState(EXAMPLE);
  const snapshot = snapshotFromDesired(loaded.state!);
  snapshot.iam = {
    accounts: {
      ...snapshot.iam?.accounts,
      [DEV]: {
        roles: [
          { RoleName: "administrator-old", AssumeRolePolicyDocument: trust, ManagedPolicyArns: [ADMIN], InlinePolicies: { x: listBucket }, Tags: [{ Key: "orgctl:managed", Value: OWNER }] },
        ],
      },
    },
  };
  handle = await startEmulator({ snapshot });
  clients = clientFactoryFor(handle);
  iam = await clientIn(handle, "iam", DEV);
});
afterAll(async () => {
  clients?.destroy();
  iam?.destroy();
  await handle?.stop();
});

function runner() {
  return operationRunner({
    clients,
    managementAccountId: "111111111111",
    wait: false,
    allowCloseAccounts: false,
    progress: () => {},
    createdRoles: new Set(),
    owner: OWNER,
    protectedRoles: { accessRole: "OrganizationAccountAccessRole", callerArn: "arn:aws:iam::111111111111:root" },
  }, KINDS);
}

async function policies(): Promise<{ inline: string[]; managed: string[] }> {
  const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: "administrator-old" }))).PolicyNames ?? [];
  const managed = ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "administrator-old" }))).AttachedPolicies ?? []).map((p) => p.PolicyArn!);
  return { inline, managed };
}

describe("a role put into an instance profile after the plan", () => {
  it("makes apply of the saved plan refuse before executing anything", async () => {
    const planFile = path.join(mkdtempSync(path.join(tmpdir(), "orgctl-delete-guard-")), "plan.json");
    expect((await orgctl(handle, "plan", EXAMPLE, "--out", planFile)).code).toBe(2);
    deletion = (JSON.parse(readFileSync(planFile, "utf8")) as Plan).changes.find((c) => c.address === ADDRESS)!;
    expect(deletion.action).toBe("delete");

    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "late-hosts" }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "late-hosts", RoleName: "administrator-old" }));

    const audit = auditFile();
    const result = await orgctl(handle, "apply", planFile, "--audit-log", audit);
    expect(result.stderr).toContain("Error: the plan no longer matches the YAML and live state");
    expect(result.code).toBe(1);
    expect(readAudit(audit)).toEqual([]);
    expect(await policies()).toEqual({ inline: ["x"], managed: [ADMIN] });
  });

  it("fails the delete where it runs, with the reason, and the role keeps every policy", async () => {
    await expect(runner()(deletion)).rejects.toThrow(REASON);
    expect(await policies()).toEqual({ inline: ["x"], managed: [ADMIN] });
  });

  it("fails a replace the same way: the role is neither stripped nor moved", async () => {
    const replace = handEdited({ ...deletion, action: "replace", after: { ...deletion.before, path: "/admins/" } });
    await expect(runner()(replace)).rejects.toThrow(REASON);
    expect(await policies()).toEqual({ inline: ["x"], managed: [ADMIN] });
    expect((await iam.send(new GetRoleCommand({ RoleName: "administrator-old" }))).Role?.Path).toBe("/");
  });

  it("deletes the role once it is out of the profile", async () => {
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: "late-hosts", RoleName: "administrator-old" }));
    await runner()(deletion);
    await expect(iam.send(new GetRoleCommand({ RoleName: "administrator-old" }))).rejects.toMatchObject({ name: "NoSuchEntityException" });
  });
});

describe("a role put into an instance profile while the delete runs", () => {
  it("gets back every policy the delete stripped, and the change fails with the reason", async () => {
    const snapshot = {
      formatVersion: 1 as const,
      iam: {
        accounts: {
          [DEV]: {
            roles: [
              { RoleName: "OrganizationAccountAccessRole", AssumeRolePolicyDocument: trust, ManagedPolicyArns: [ADMIN] },
              { RoleName: "racer", AssumeRolePolicyDocument: trust, ManagedPolicyArns: [ADMIN], InlinePolicies: { x: listBucket }, Tags: [{ Key: "orgctl:managed", Value: OWNER }] },
            ],
          },
        },
      },
    };
    const racing = await startEmulator({ snapshot });
    const racingClients = clientFactoryFor(racing);
    try {
      // The profile appears right after the check, as the first policy is stripped.
      const sdk = await racingClients.iam(DEV);
      let raced = false;
      sdk.middlewareStack.add(
        (next, context) => async (args) => {
          if (!raced && context.commandName === "DeleteRolePolicyCommand") {
            raced = true;
            putInstanceProfile(racing.world, DEV, { instanceProfileName: "racing-hosts", roles: [findRole(racing.world, DEV, "racer")!] });
          }
          return next(args);
        },
        { step: "initialize" },
      );
      const change = makeChange({ account: "development", accountId: DEV, service: "iam", type: "role", name: "racer", action: "delete", before: null, after: null });
      const run = operationRunner({
        clients: racingClients,
        managementAccountId: "111111111111",
        wait: false,
        allowCloseAccounts: false,
        progress: () => {},
        createdRoles: new Set(),
        owner: OWNER,
        protectedRoles: { accessRole: "OrganizationAccountAccessRole", callerArn: "arn:aws:iam::111111111111:root" },
      }, KINDS);
      await expect(run(change)).rejects.toThrow(
        "role racer is in instance profile racing-hosts: remove it from the profile first; orgctl manages only the instance profile declared on a role (instanceProfile); IAM refused to delete the role and its policies were put back",
      );
      expect(raced).toBe(true);
      expect((await sdk.send(new ListRolePoliciesCommand({ RoleName: "racer" }))).PolicyNames).toEqual(["x"]);
      expect((await sdk.send(new ListAttachedRolePoliciesCommand({ RoleName: "racer" }))).AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([ADMIN]);
    } finally {
      racingClients.destroy();
      await racing.stop();
    }
  });
});
