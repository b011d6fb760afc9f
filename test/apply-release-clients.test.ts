// Apply releases an account's SDK clients after the last of its changes settles (and not
// before): an apply over thousands of accounts must not keep every account's clients.
import { describe, expect, it } from "vitest";
import { releaseAfterLast } from "../src/apply/release-clients.js";
import { makeChange } from "../src/engine/change.js";
import type { Change } from "../src/engine/types.js";

const role = (account: string, name: string): Change =>
  makeChange({ action: "delete", account, accountId: `id-${account}`, service: "iam", type: "role", name, before: null, after: null, dependsOn: [] });

describe("releasing an account's clients during apply", () => {
  it("releases each account once, when its last change has settled, in settling order", () => {
    const changes = [role("a", "admin"), role("b", "admin"), role("a", "reader"), role("a", "auditor")];
    const released: string[] = [];
    const settle = releaseAfterLast(changes, (c) => released.push(c.account));
    settle(changes[0]!);
    settle(changes[2]!);
    expect(released).toEqual([]);
    settle(changes[1]!);
    expect(released).toEqual(["b"]);
    settle(changes[3]!);
    expect(released).toEqual(["b", "a"]);
  });
});
