// compareClaim's first comparison skips the plan file's round trip for speed (it was 0.1 s of
// a 1,002-account apply's critical path): it may answer "same" only where the round trip
// would, and must leave everything else to it.
import { describe, expect, it } from "vitest";
import { compareClaim } from "../src/apply/claim.js";
import { PLAN_FORMAT_VERSION } from "../src/engine/plan-file.js";
import type { Change, Plan } from "../src/engine/types.js";
import { handEdited } from "./fixtures/hand-edited.js";

const ADDRESS = "development/iam/role/reader";

function change(after: Record<string, unknown>): Change {
  const c = handEdited({
    address: ADDRESS,
    action: "create",
    account: "development",
    accountId: "210987654321",
    service: "iam",
    type: "role",
    name: "reader",
    before: null,
    beforeHash: "h",
    after: {},
    dependsOn: [],
  });
  // Values JSON cannot write (undefined, NaN, a Date) are put in after the file's round trip.
  return Object.assign(c, { after });
}

/** A plan holding these changes as they are (no round trip of its own). */
function plan(...changes: Change[]): Plan {
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    tool: "orgctl",
    createdAt: "2026-11-29T08:00:00.000Z",
    source: { paths: [] },
    desiredDigest: "d",
    liveFingerprint: "f",
    accounts: [],
    changes,
    conflicts: [],
    errors: [],
    apiCalls: {},
  };
}

describe("compareClaim on values that are equal only as JSON", () => {
  it("finds no difference for keys in another order or a member holding undefined", () => {
    const saved = plan(change({ path: "/", tags: [{ Key: "team", Value: "a" }], maxSession: 3600 }));
    const derived = plan(change({ maxSession: 3600, description: undefined, tags: [{ Value: "a", Key: "team" }], path: "/" }));
    expect(compareClaim(saved, derived)).toEqual([]);
  });

  it("finds no difference where the round trip makes the two equal (NaN and null, a Date and its text)", () => {
    const when = new Date("2026-11-29T08:00:00.000Z");
    const saved = plan(change({ limit: null, at: "2026-11-29T08:00:00.000Z" }));
    const derived = plan(change({ limit: Number.NaN, at: when }));
    expect(compareClaim(saved, derived)).toEqual([]);
  });

  it("finds a difference deep in an array, and between two Dates (objects without keys of their own)", () => {
    const saved = plan(change({ tags: [{ Key: "team", Value: "a" }] }));
    expect(compareClaim(saved, plan(change({ tags: [{ Key: "team", Value: "b" }] })))).toEqual([{ address: ADDRESS, kind: "edited", fields: ["after"] }]);
    const at = (iso: string) => plan(change({ at: new Date(iso) }));
    expect(compareClaim(at("2026-11-29T08:00:00.000Z"), at("2026-11-30T08:00:00.000Z"))).toEqual([{ address: ADDRESS, kind: "edited", fields: ["after"] }]);
    expect(compareClaim(at("2026-11-29T08:00:00.000Z"), at("2026-11-29T08:00:00.000Z"))).toEqual([]);
  });
});
