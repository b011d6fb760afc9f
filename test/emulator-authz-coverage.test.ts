// The authorizer lets through any operation its tables do not name (so that unknown
// operations get the service's own InvalidAction). Each IAM operation the emulator serves
// must therefore be in the table, or it would run with no permission check at all: the
// user and instance-profile operations once did.
import { describe, expect, it } from "vitest";
import { IAM_TARGETS } from "../src/emulator/authz/resources/iam.js";
import { IAM_OPERATION_NAMES } from "../src/emulator/iam/index.js";

describe("emulator authorization coverage", () => {
  it("every IAM operation has a resource to be authorized against", () => {
    expect(IAM_OPERATION_NAMES().filter((op) => !Object.hasOwn(IAM_TARGETS, op))).toEqual([]);
  });
});
