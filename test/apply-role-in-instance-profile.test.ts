// A role in an instance profile cannot be deleted (IAM answers DeleteConflict). orgctl used
// to strip the role's policies first and then fail on DeleteRole, leaving a pruned role with
// no permissions and a replaced one never re-created. Now the plan reports a conflict naming
// the profile, and apply never strips a role that cannot be deleted.
import { resolveOwner } from "../src/config/owner.js";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { loadDesiredState } from "../src/config/index.js";
import { startEmulator, type EmulatorHandle } from "../src/emulator/index.js";
import { snapshotFromDesired } from "../src/sandbox/seed.js";
import { auditFile } from "./helpers/apply.js";
import { clientIn, orgctl, planJson } from "./helpers/example-sandbox.js";

const EXAMPLE = "examples/4-multi-account-landing";
/** What this desired state names as its owner in the orgctl:managed tag. */
const OWNER = resolveOwner(EXAMPLE, undefined);
const DEV = "210987654321";
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "sts:AssumeRole" }] };
const listBucket = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }] };
const UNMANAGED = "orgctl manages only the instance profile declared on a role (instanceProfile)";

async function policiesOf(iam: IAMClient, role: string): Promise<{ inline: string[]; managed: string[] }> {
  const inline = (await iam.send(new ListRolePoliciesCommand({ RoleName: role }))).PolicyNames ?? [];
  const managed = ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? []).map((p) => p.PolicyArn!);
  return { inline, managed };
}

describe("prune of a managed role that is in an instance profile", () => {
  let handle: EmulatorHandle;
  let iam: IAMClient;
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
          instanceProfiles: [{ InstanceProfileName: "legacy-web", Roles: ["administrator-old"] }, { InstanceProfileName: "legacy-batch", Roles: [] }],
        },
      },
    };
    handle = await startEmulator({ snapshot });
    iam = await clientIn(handle, "iam", DEV);
  });
  afterAll(async () => {
    iam?.destroy();
    await handle?.stop();
  });

  it("is a conflict naming the profile, not a delete: exit 1", async () => {
    const { code, plan } = await planJson(handle, EXAMPLE);
    expect(plan.conflicts).toEqual([
      {
        address: "development/iam/role/administrator-old",
        message: `role administrator-old is in instance profile legacy-web: remove it from the profile first; ${UNMANAGED} (prune would delete the role)`,
      },
    ]);
    expect(plan.changes.filter((c) => c.name === "administrator-old")).toEqual([]);
    expect(code).toBe(1);
    const text = await orgctl(handle, "plan", EXAMPLE);
    expect(text.stdout).toContain(
      `  ! development/iam/role/administrator-old: role administrator-old is in instance profile legacy-web: remove it from the profile first; ${UNMANAGED} (prune would delete the role)\n`,
    );
    expect(text.code).toBe(1);
    // One read per account as before: the profiles come with GetAccountAuthorizationDetails.
    expect(plan.apiCalls["iam:ListInstanceProfilesForRole"]).toBeUndefined();
  });

  it("makes apply refuse, and the role keeps every policy", async () => {
    const result = await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile());
    expect(await policiesOf(iam, "administrator-old")).toEqual({ inline: ["x"], managed: [ADMIN] });
    expect(result.stderr).toContain(`conflict: development/iam/role/administrator-old: role administrator-old is in instance profile legacy-web`);
    expect(result.code).toBe(1);
  });
});

describe("replace (path change) of a role that is in an instance profile", () => {
  let handle: EmulatorHandle;
  let iam: IAMClient;
  let moved: string;
  beforeAll(async () => {
    const loaded = await loadDesiredState(EXAMPLE);
    handle = await startEmulator({ snapshot: snapshotFromDesired(loaded.state!) });
    expect((await orgctl(handle, "apply", EXAMPLE, "--auto-approve", "--audit-log", auditFile())).code).toBe(0);
    iam = await clientIn(handle, "iam", DEV);
    for (const name of ["admin-hosts", "admin-tools"]) {
      await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
    }
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "admin-hosts", RoleName: "administrator" }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: "admin-hosts-2" }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: "admin-hosts-2", RoleName: "administrator" }));
    moved = await mkdtemp(path.join(tmpdir(), "orgctl-replace-"));
    await cp(EXAMPLE, moved, { recursive: true });
    const roles = path.join(moved, "roles.yaml");
    await writeFile(roles, (await readFile(roles, "utf8")).replace("  - name: administrator\n", "  - name: administrator\n    path: /admins/\n"));
    // The copy is the same desired state as the example, so the same owner of its roles.
    const main = path.join(moved, "orgctl.yaml");
    await writeFile(main, (await readFile(main, "utf8")).replace("settings: { prune: true, region: eu-west-1 }", `settings: { prune: true, region: eu-west-1, owner: "${OWNER}" }`));
  });
  afterAll(async () => {
    iam?.destroy();
    await handle?.stop();
  });

  it("is refused with the reason where the role is in a profile, and planned where it is not", async () => {
    const { code, plan } = await planJson(handle, moved);
    expect(plan.conflicts).toEqual([
      {
        address: "development/iam/role/administrator",
        message: `role administrator is in instance profiles admin-hosts, admin-hosts-2: remove it from the profiles first; ${UNMANAGED} (its path changes from / to /admins/, which deletes and re-creates the role)`,
      },
    ]);
    expect(plan.changes.filter((c) => c.action !== "noop").map((c) => `${c.action} ${c.address}`)).toEqual(["replace production/iam/role/administrator"]);
    expect(code).toBe(1);
  });

  it("makes apply refuse, and the role keeps its policies and path", async () => {
    const result = await orgctl(handle, "apply", moved, "--auto-approve", "--audit-log", auditFile());
    expect(result.code).toBe(1);
    expect(await policiesOf(iam, "administrator")).toEqual({ inline: [], managed: [ADMIN] });
    expect((await iam.send(new GetRoleCommand({ RoleName: "administrator" }))).Role?.Path).toBe("/");
  });
});
