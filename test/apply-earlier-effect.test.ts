// The kind contract's retry rule: before apply repeats an operation that is not idempotent
// (its first attempt may have taken effect although it failed), it asks the kind for that
// earlier effect and finishes from it; an idempotent operation simply runs again.
import { describe, expect, it } from "vitest";
import { operationRunner } from "../src/apply/operations.js";
import { ClientFactory } from "../src/aws/clients.js";
import { SessionBroker } from "../src/aws/session.js";
import { makeChange } from "../src/engine/change.js";
import { kindRegistry, type KindFamily, type KindOperation } from "../src/engine/kind.js";
import type { RoleResource } from "../src/kinds/iam/role/resource.js";

const ROLE: RoleResource = {
  name: "worker",
  path: "/",
  description: "",
  assumeRolePolicy: { Version: "2012-10-17", Statement: [] },
  inlinePolicies: {},
  managedPolicies: [],
  maxSessionDuration: 3600,
  tags: {},
};

/** AWS answered "try again" after it may already have done the work. */
function concurrentModification(): Error {
  return Object.assign(new Error("another change is in progress"), { name: "ConcurrentModificationException" });
}

function runnerWith(family: KindFamily) {
  const clients = new ClientFactory(new SessionBroker({ accessRole: "OrganizationAccountAccessRole" }));
  return operationRunner(
    {
      clients,
      managementAccountId: "111111111111",
      wait: false,
      allowCloseAccounts: false,
      progress: () => {},
      createdRoles: new Set(),
      owner: "test",
      protectedRoles: { accessRole: "OrganizationAccountAccessRole", callerArn: "arn:aws:iam::111111111111:user/ci" },
    },
    kindRegistry([family]),
  );
}

/** A registry with one kind, "role", whose create is `operation`. */
function roleFamily(operation: KindOperation<"role">): KindFamily {
  return { name: "test", diff: () => {}, kinds: [{ type: "role", service: "iam", nameKey: (n) => n, operations: { create: operation } }] };
}

const create = makeChange({ type: "role", action: "create", account: "dev", accountId: "222222222222", service: "iam", name: "worker", before: null, after: ROLE });

describe("retrying an operation", () => {
  it("that is not idempotent: the earlier attempt's effect is found and finished, the call is not sent again", async () => {
    const calls: string[] = [];
    const run = runnerWith(
      roleFamily({
        idempotent: false,
        run: async () => {
          calls.push("run");
          throw concurrentModification();
        },
        findEarlierEffect: async () => {
          calls.push("find");
          return {};
        },
      }),
    );
    await run(create);
    expect(calls).toEqual(["run", "find"]);
  });

  it("that is not idempotent and took no effect: sent again after looking", async () => {
    const calls: string[] = [];
    let attempts = 0;
    const run = runnerWith(
      roleFamily({
        idempotent: false,
        run: async () => {
          calls.push("run");
          if (++attempts === 1) throw concurrentModification();
        },
        findEarlierEffect: async () => {
          calls.push("find");
          return undefined;
        },
      }),
    );
    await run(create);
    expect(calls).toEqual(["run", "find", "run"]);
  });

  it("that is idempotent: run again, nothing looked for", async () => {
    const calls: string[] = [];
    let attempts = 0;
    const run = runnerWith(
      roleFamily({
        idempotent: true,
        run: async () => {
          calls.push("run");
          if (++attempts === 1) throw concurrentModification();
        },
      }),
    );
    await run(create);
    expect(calls).toEqual(["run", "run"]);
  });

  it("of a type no kind registers (a hand-made plan): refused, nothing runs", async () => {
    const run = runnerWith({ name: "test", diff: () => {}, kinds: [] });
    await expect(run(create)).rejects.toThrow("orgctl cannot create a role");
  });
});
