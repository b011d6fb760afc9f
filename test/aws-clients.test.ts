import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import { ListRolesCommand } from "@aws-sdk/client-iam";
import { clientFactoryFor, withEmulator } from "./helpers/emulator.js";
import { account, desiredState, role } from "./helpers/readers-desired.js";
import { readLiveState } from "../src/engine/read-live.js";
import type { Snapshot } from "../src/emulator/index.js";
import { KINDS } from "../src/kinds/registry.js";

const MANAGEMENT = "111111111111";
const MEMBERS = ["222222222222", "333333333333", "444444444444"];

const snapshot: Snapshot = {
  formatVersion: 1,
  organizations: {
    managementAccountId: MANAGEMENT,
    accounts: MEMBERS.map((id) => ({ id, name: id, email: `${id}@example.com` })),
  },
};

const emulator = withEmulator({ snapshot });

const factory = () => clientFactoryFor(emulator());

const listRolesServed = (accountId: string) =>
  emulator().world.calls.filter((c) => c.service === "iam" && c.operation === "ListRoles" && c.accountId === accountId).length;

const assumeRoleCalls = () => emulator().world.calls.filter((c) => c.service === "sts" && c.operation === "AssumeRole").length;

describe("client factory", () => {
  it("drops an account's clients once its read is done, keeping the session: no second AssumeRole", async () => {
    const desired = desiredState({
      managementAccount: MANAGEMENT,
      accounts: MEMBERS.map((id) => account(`a${id}`, { id, email: `${id}@example.com` })),
      // A role in every member account: accounts with nothing managed are not read at all.
      roles: [role("reader", MEMBERS.map((id) => `a${id}`))],
    });
    const clients = factory();
    const before = assumeRoleCalls();
    try {
      const held = await Promise.all(MEMBERS.map((id) => clients.iam(id)));
      const organizations = await clients.organizations(MANAGEMENT);
      const live = await readLiveState(desired, { kinds: KINDS, clients });
      expect(live.errors).toEqual([]);
      expect(Object.keys(live.accounts)).toHaveLength(MEMBERS.length);

      const after = await Promise.all(MEMBERS.map((id) => clients.iam(id)));
      after.forEach((client, i) => expect(client).not.toBe(held[i]));
      // The organization reader's client is not an account read's to release.
      expect(await clients.organizations(MANAGEMENT)).toBe(organizations);
      expect(assumeRoleCalls() - before).toBe(MEMBERS.length);
    } finally {
      clients.destroy();
    }
  });

  it("lets a request in flight on a released client finish on its first attempt, then destroys the client", async () => {
    const member = MEMBERS[0]!;
    const clients = factory();
    try {
      const iam = await clients.iam(member);
      const destroy = vi.spyOn(iam, "destroy");
      emulator().setFaults({ rules: [{ service: "iam", operation: "ListRoles", rate: 1, kind: "latency", ms: 600 }] });
      const servedBefore = listRolesServed(member);
      const attemptsBefore = clients.apiCalls["iam:ListRoles"] ?? 0;

      const inFlight = iam.send(new ListRolesCommand({}));
      // The counter counts an attempt as it is sent; the pause puts it on the wire, held by the latency.
      await vi.waitFor(() => expect(clients.apiCalls["iam:ListRoles"]).toBe(attemptsBefore + 1), { interval: 5 });
      await sleep(100);
      clients.release(member, ["iam"]);
      expect(destroy).not.toHaveBeenCalled();
      expect(await clients.iam(member)).not.toBe(iam);

      const out = await inFlight;
      expect(out.Roles?.map((r) => r.RoleName)).toContain("OrganizationAccountAccessRole");
      expect(clients.apiCalls["iam:ListRoles"]).toBe(attemptsBefore + 1);
      expect(listRolesServed(member) - servedBefore).toBe(1);
      expect(destroy).toHaveBeenCalledTimes(1);
    } finally {
      emulator().setFaults({});
      clients.destroy();
    }
  });

  it("destroys an idle released client at once, and it still serves a holder that sends on it later", async () => {
    const member = MEMBERS[1]!;
    const clients = factory();
    try {
      const iam = await clients.iam(member);
      const destroy = vi.spyOn(iam, "destroy");
      const servedBefore = listRolesServed(member);
      clients.release(member, ["iam"]);
      expect(destroy).toHaveBeenCalledTimes(1);

      const out = await iam.send(new ListRolesCommand({}));
      expect(out.Roles?.map((r) => r.RoleName)).toContain("OrganizationAccountAccessRole");
      expect(listRolesServed(member) - servedBefore).toBe(1);
    } finally {
      clients.destroy();
    }
  });
});
